package dev.indicators.bench;

import dev.indicators.platform.process.ChildJvm;
import dev.indicators.platform.process.JvmClassPath;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The crash phase: the streams app runs as its own OS process ({@link StandaloneStreamsApp}) over the whole published
 * tape, from offset zero with a fresh application id and state directory, and is killed with SIGKILL {@code kills}
 * times; each time it is started again at once on the same state directory. All kills but the last fall at random
 * points while it aggregates the backlog: the backlog is cut into {@code kills - 1} equal stretches of committed input,
 * and each kill falls at a point drawn from the run's seed within its stretch, plus up to one commit interval, so it
 * hits the middle of a transaction as often as not; the last kill falls after the app has caught up, so it holds the
 * full run's state. What is timed per kill is the recovery: from the SIGKILL until the new process is RUNNING and
 * answers a query, with its parts (the new JVM until the app starts; joining the group and restoring until RUNNING). The app runs under static
 * membership ({@code group.instance.id}): the new process takes over the killed one's partitions at once, instead of
 * waiting for its session to time out (45 s), which a killed process can never end by leaving the group. After the
 * kills the process is stopped cleanly, and the caller checks, with an app started in the bench's own JVM on the same
 * state directory, that the query API and the totals topic equal the recount: nothing lost, nothing counted twice.
 */
final class CrashPhase {

    /** Seconds from each SIGKILL until the next process answered; the last one killed the app with its full state. */
    record Outcome(List<Double> recoverySeconds, double caughtUpSeconds) {
        double fullStateRecoverySeconds() {
            return recoverySeconds.get(recoverySeconds.size() - 1);
        }
    }

    private CrashPhase() {
    }

    /**
     * The settings with a fixed {@code group.instance.id} (static membership), so that a process started after a kill
     * takes over the partitions of the killed one at once, and so can an app started after a clean stop (a static
     * member does not leave the group when it closes).
     */
    static Map<String, String> withStaticMembership(Map<String, String> values) {
        Map<String, String> settings = new HashMap<>(values);
        settings.put(PipelinePhase.STREAMS_CONFIG + "group.instance.id", values.get("INDICATORS_APPLICATION_ID") + "-standalone");
        return settings;
    }

    /**
     * @param values    the settings of the app ({@link #withStaticMembership}), with its own application id and state dir
     * @param catchUp   reads the app's committed offsets
     * @param inputEnds where the published tape ends
     */
    static Outcome run(Map<String, String> values, Path work, CatchUp catchUp, Map<TopicPartition, Long> inputEnds, int kills,
                       long seed, Progress progress, Duration timeout) {
        if (kills < 1) throw new IllegalArgumentException("kills must be at least 1");
        Path settingsFile = PipelinePhase.settingsFile(values, work.resolve("standalone-streams.properties"));
        Path classPath = JvmClassPath.current().writeArgumentFile(work.resolve("standalone-streams.classpath"));
        Path readyFile = work.resolve("standalone-streams.ready");
        SplittableRandom random = new SplittableRandom(seed);
        long total = inputEnds.values().stream().mapToLong(Long::longValue).sum();
        long commitMs = PipelinePhase.settings(values).commitInterval() == null ? 100 : PipelinePhase.settings(values).commitInterval().toMillis();
        List<Double> recovery = new ArrayList<>();
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        ChildJvm child = start(work, classPath, settingsFile, readyFile);
        try {
            awaitReady(child, readyFile, deadline);
            for (int kill = 1; kill <= kills; kill++) {
                boolean last = kill == kills;
                if (last) {
                    awaitCaughtUp(child, catchUp, inputEnds, deadline);
                } else {
                    double stretch = 1.0 / (kills - 1);
                    long target = Math.round(total * stretch * (kill - 1 + random.nextDouble(0.1, 0.9)));
                    awaitCommitted(child, catchUp, inputEnds, Math.min(target, total - 1), deadline);
                    PipelinePhase.sleep(random.nextLong(commitMs + 1));
                }
                long before = catchUp.committedInputRecords(inputEnds.keySet());
                killHard(child);
                long killedAt = System.nanoTime();
                child = start(work, classPath, settingsFile, readyFile);
                long killedAtMillis = System.currentTimeMillis();
                Map<String, Long> timeline = awaitReady(child, readyFile, deadline);
                double seconds = Throughput.round((System.nanoTime() - killedAt) / 1e9, 3);
                recovery.add(seconds);
                progress.line("crash %d of %d: SIGKILL %s(%,d of %,d input records committed), RUNNING and queryable again %.1f s later "
                                + "(new JVM until the app starts %.1f s, joining the group and restoring until RUNNING %.1f s, first answer %.1f s)",
                        kill, kills, last ? "after catching up " : "at a random point ", before, total, seconds,
                        (timeline.get("starting") - killedAtMillis) / 1e3, (timeline.get("running") - timeline.get("starting")) / 1e3,
                        (timeline.get("ready") - timeline.get("running")) / 1e3);
            }
            awaitCaughtUp(child, catchUp, inputEnds, deadline);
            double caughtUp = Throughput.round((System.nanoTime() - started) / 1e9, 3);
            child.stop(Duration.ofSeconds(60));
            return new Outcome(List.copyOf(recovery), caughtUp);
        } finally {
            child.close();
        }
    }

    private static ChildJvm start(Path work, Path classPath, Path settingsFile, Path readyFile) {
        try {
            Files.deleteIfExists(readyFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> jvmArgs = List.of("-Xmx1g", "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true",
                "-D" + dev.indicators.platform.process.ParentWatch.PARENT_PID + "=" + ProcessHandle.current().pid(),
                "@" + classPath, StandaloneStreamsApp.class.getName());
        return ChildJvm.start("standalone streams app", ChildJvm.currentJava(), jvmArgs,
                List.of(settingsFile.toString(), readyFile.toString()), Map.of(), work, work.resolve("standalone-streams.log"),
                work.resolve("standalone-streams.pid"));
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed, committed or closed. */
    private static void killHard(ChildJvm child) {
        ProcessHandle handle = ProcessHandle.of(child.pid()).orElseThrow(() -> failure(child, "the standalone streams app had already exited"));
        handle.destroyForcibly();
        try {
            handle.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new BenchFailure("the standalone streams app (pid " + child.pid() + ") did not die of SIGKILL: " + e, e);
        }
        child.close(); // already dead: forgets its pid file and shutdown hook
    }

    /** Waits for the ready file; returns its timeline (name to epoch milliseconds, see {@link StandaloneStreamsApp}). */
    private static Map<String, Long> awaitReady(ChildJvm child, Path readyFile, long deadline) {
        while (!Files.exists(readyFile)) {
            if (!child.isAlive()) throw failure(child, "the standalone streams app exited before it was ready");
            if (System.nanoTime() > deadline) throw failure(child, "the standalone streams app was not ready in time");
            PipelinePhase.sleep(10);
        }
        Map<String, Long> timeline = new HashMap<>();
        try {
            for (String part : Files.readString(readyFile).trim().split(" ")) {
                String[] kv = part.split("=", 2);
                timeline.put(kv[0], Long.parseLong(kv[1]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return timeline;
    }

    private static void awaitCommitted(ChildJvm child, CatchUp catchUp, Map<TopicPartition, Long> inputEnds, long records, long deadline) {
        while (catchUp.committedInputRecords(inputEnds.keySet()) < records) {
            if (!child.isAlive()) throw failure(child, "the standalone streams app exited by itself");
            if (System.nanoTime() > deadline) throw failure(child, "the standalone streams app did not get far enough in time");
            PipelinePhase.sleep(20);
        }
    }

    private static void awaitCaughtUp(ChildJvm child, CatchUp catchUp, Map<TopicPartition, Long> inputEnds, long deadline) {
        while (!catchUp.reached(inputEnds)) {
            if (!child.isAlive()) throw failure(child, "the standalone streams app exited before it caught up");
            if (System.nanoTime() > deadline) throw failure(child, "the standalone streams app did not catch up in time");
            PipelinePhase.sleep(200);
        }
    }

    private static BenchFailure failure(ChildJvm child, String what) {
        return new BenchFailure(what + "; the last lines of its log (" + child.logFile() + "):\n" + child.logTail(40));
    }
}
