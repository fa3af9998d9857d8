package dev.indicators.app.demo;

import dev.indicators.app.support.Http;
import dev.indicators.platform.process.JvmClassPath;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bin/indicators demo} as its own process, the way a person runs it: SIGTERM (Ctrl-C, a supervisor) stops it
 * and everything it started; started again on the same {@code --data-dir} it keeps its ports and its data; and when
 * its broker dies (here: kill -9, as the kernel's out-of-memory killer would) it says what happened and stops
 * cleanly with exit code 1 instead of serving totals that can no longer move.
 */
@Tag("fault") // minutes of processes killed and restarted: mvn -Pfaults verify
@DisplayName("indicators demo: as its own process, stopped, restarted and bereft of its broker")
class DemoProcessTest {

    private static final Pattern DASHBOARD = Pattern.compile("Web dashboard\\s+(http://\\S+?)/\\s*$");
    private static final Pattern KAFKA = Pattern.compile("^\\s*Kafka\\s+(127\\.0\\.0\\.1:\\d+)\\s*$");
    /** A bound for a start on a loaded 2-core machine, not a speed claim. */
    private static final Duration START = Duration.ofMinutes(8);

    /** One demo process; its console lines are collected as they come. */
    private static final class Demo implements AutoCloseable {
        final Process process;
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        private final Thread reader;

        Demo(Path dataDir, Path work, String... more) throws Exception {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Path args = JvmClassPath.current().writeArgumentFile(work.resolve("classpath-" + System.nanoTime() + ".args"));
            List<String> command = new ArrayList<>(List.of(java.toString(), "@" + args, "dev.indicators.app.IndicatorsCommand", "demo",
                    "--no-sample-data", "--data-dir", dataDir.toString(), "--http-port", "0", "--partitions", "1"));
            command.addAll(List.of(more));
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
            reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        System.out.println("[demo] " + line);
                        lines.add(line);
                    }
                } catch (java.io.IOException closed) {
                    // the process is gone
                }
            }, "demo-console");
            reader.setDaemon(true);
            reader.start();
        }

        /** Waits for the process to exit and for its last console lines to be read; false if it is still running. */
        boolean exited(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) return false;
            reader.join(10_000);
            return true;
        }

        /** The first group of {@code pattern} in a console line, waiting for it until the demo exits or the bound passes. */
        String await(Pattern pattern) throws InterruptedException {
            long deadline = System.nanoTime() + START.toNanos();
            while (System.nanoTime() < deadline) {
                Optional<String> found = find(pattern);
                if (found.isPresent()) return found.get();
                if (!process.isAlive() && find(pattern).isEmpty()) {
                    throw new AssertionError("the demo exited (" + process.exitValue() + ") before printing " + pattern + ":\n" + String.join("\n", lines));
                }
                Thread.sleep(100);
            }
            throw new AssertionError("no " + pattern + " within " + START + ":\n" + String.join("\n", lines));
        }

        Optional<String> find(Pattern pattern) {
            synchronized (lines) {
                for (String line : lines) {
                    Matcher m = pattern.matcher(line);
                    if (m.find()) return Optional.of(m.group(1));
                }
            }
            return Optional.empty();
        }

        String console() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    @Test
    void sigterm_stops_everything_a_restart_keeps_ports_and_data_and_a_dead_broker_stops_the_demo_with_its_reason(
            @TempDir Path work) throws Exception {
        Path dataDir = work.resolve("data");
        String kafka;
        String event = """
                {"eventId":"demo-process-1","type":"mediation","regionCode":"410212","department":"xiangfu-justice",
                 "occurredAt":"2003-06-01T09:00:00+08:00","caseId":"DP-1","status":"RECEIVED"}""";
        String total = "/api/v1/totals?region=410212&indicator=mediation.received&period=year:2003";
        long brokerPid;
        try (Demo first = new Demo(dataDir, work)) {
            Http http = new Http(first.await(DASHBOARD));
            kafka = first.await(KAFKA);
            postAccepted(http, event);
            awaitTotal(http, total, 1.0);
            brokerPid = Long.parseLong(Files.readString(dataDir.resolve("kafka").resolve("broker.pid")).trim());

            // SIGTERM: the demo stops its HTTP server, streams app, registry and broker in order, then the JVM exits
            // with 143 (128 + SIGTERM), as every JVM stopped by that signal does once its shutdown hooks are done
            first.process.destroy();
            assertThat(first.exited(Duration.ofMinutes(3))).as("stopped after SIGTERM").isTrue();
            assertThat(first.process.exitValue()).as(first.console()).isEqualTo(143);
            assertThat(ProcessHandle.of(brokerPid).map(ProcessHandle::isAlive).orElse(false)).as("the broker outlived the demo").isFalse();
            assertThat(dataDir.resolve("kafka").resolve("broker.pid")).as("the broker was stopped, not orphaned").doesNotExist();
            assertThat(dataDir.resolve("registry").resolve("registry.pid")).as("the registry was stopped, not orphaned").doesNotExist();
        }

        try (Demo second = new Demo(dataDir, work)) {
            Http http = new Http(second.await(DASHBOARD));
            assertThat(second.await(KAFKA)).as("the broker's address after a restart on the same --data-dir").isEqualTo(kafka);
            awaitTotal(http, total, 1.0);

            // the broker dies under the demo: it says which process, how, and where its log is, and stops cleanly
            long pid = Long.parseLong(Files.readString(dataDir.resolve("kafka").resolve("broker.pid")).trim());
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            assertThat(second.exited(Duration.ofMinutes(3))).as("the demo stopped after its broker died").isTrue();
            assertThat(second.process.exitValue()).as(second.console()).isEqualTo(1);
            assertThat(second.console()).contains("(pid " + pid + ") has stopped: it was killed (SIGKILL")
                    .contains("broker.log").contains("start the demo again");
            assertThat(Files.exists(dataDir.resolve("registry").resolve("registry.pid"))).as("the registry was stopped too").isFalse();
        }
    }

    /**
     * {@code demo --instances 2} killed with SIGKILL (no shutdown hook runs): every process it started (broker,
     * registry, both serve instances, as listed in its {@code stack.json}) exits on its own, leaving no port held; the
     * demo started again on the same data directory comes up on the same broker address and both instances answer the
     * total counted before the kill, from the kept data.
     */
    @Test
    void a_demo_with_instances_killed_with_sigkill_leaves_no_process_behind_and_starts_again_on_its_data(@TempDir Path work)
            throws Exception {
        Path dataDir = work.resolve("data");
        String event = """
                {"eventId":"demo-kill-1","type":"mediation","regionCode":"410212","department":"xiangfu-justice",
                 "occurredAt":"2004-06-01T09:00:00+08:00","caseId":"DK-1","status":"RECEIVED"}""";
        String total = "/api/v1/totals?region=410212&indicator=mediation.received&period=year:2004";
        String kafka;
        try (Demo first = new Demo(dataDir, work, "--instances", "2")) {
            List<String> urls = instanceUrls(first);
            kafka = first.await(KAFKA);
            postAccepted(new Http(urls.get(0)), event);
            for (String url : urls) awaitTotal(new Http(url), total, 1.0);

            List<Long> children = stackPids(dataDir);
            assertThat(children).as("broker, registry and two instances in stack.json").hasSize(4);
            first.process.destroyForcibly(); // SIGKILL
            assertThat(first.exited(Duration.ofMinutes(1))).isTrue();
            assertThat(first.process.exitValue()).isEqualTo(137);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            List<Long> alive = children;
            while (!alive.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(250);
                alive = alive.stream().filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).toList();
            }
            assertThat(alive).as("processes of the killed demo still running").isEmpty();
        }

        try (Demo second = new Demo(dataDir, work, "--instances", "2")) {
            List<String> urls = instanceUrls(second);
            assertThat(second.await(KAFKA)).as("the broker's address after the restart").isEqualTo(kafka);
            for (String url : urls) awaitTotal(new Http(url), total, 1.0);
            second.process.destroy();
            assertThat(second.exited(Duration.ofMinutes(3))).as("stopped after SIGTERM").isTrue();
        }
    }

    private static final Pattern INSTANCE = Pattern.compile("^\\s*serve-(\\d+)\\s+(http://\\S+?)/\\s");

    /** The URLs of the instances the demo lists once it is running, in order (the list ends before this line). */
    private static List<String> instanceUrls(Demo demo) throws InterruptedException {
        demo.await(Pattern.compile("(Any instance answers any query)"));
        List<String> urls = new ArrayList<>();
        synchronized (demo.lines) {
            for (String line : demo.lines) {
                Matcher m = INSTANCE.matcher(line);
                if (m.find()) urls.add(m.group(2));
            }
        }
        assertThat(urls).as(demo.console()).hasSize(2);
        return urls;
    }

    private static List<Long> stackPids(Path dataDir) throws java.io.IOException {
        var processes = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dataDir.resolve("stack.json").toFile()).path("processes");
        List<Long> pids = new ArrayList<>();
        processes.forEach(p -> pids.add(p.path("pid").asLong()));
        return pids;
    }

    /** Posts one event, retrying a 503 (Kafka not answering in time yet, on a loaded machine) after its Retry-After. */
    private static void postAccepted(Http http, String event) throws InterruptedException {
        Http.Answer posted = http.post("/api/v1/events", "application/json", event);
        for (int attempt = 0; posted.status() == 503 && attempt < 20; attempt++) {
            Thread.sleep(1000L * Long.parseLong(posted.response().headers().firstValue("Retry-After").orElse("1")));
            posted = http.post("/api/v1/events", "application/json", event);
        }
        assertThat(posted.status()).as(posted.body()).isEqualTo(202);
    }

    private static void awaitTotal(Http http, String path, double expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        Http.Answer answer = http.get(path);
        while (System.nanoTime() < deadline) {
            answer = http.get(path);
            if (answer.status() == 200 && answer.json().path("value").asDouble() == expected) return;
            Thread.sleep(250);
        }
        assertThat(answer.json().path("value").asDouble()).as(answer.body()).isEqualTo(expected);
    }
}
