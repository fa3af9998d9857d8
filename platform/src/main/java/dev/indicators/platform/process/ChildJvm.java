package dev.indicators.platform.process;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A JVM we started: its output goes to a log file, it is stopped gracefully (SIGTERM, then SIGKILL after a grace
 * period), and it never outlives us on a normal exit (shutdown hook). A pid file lets the next start on the same data
 * directory stop a survivor of a killed parent, which would otherwise hold the directory lock and the ports.
 */
public final class ChildJvm implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChildJvm.class);
    /** Marks our children on their command line, so a stale pid file never makes us kill a stranger. */
    private static final String PID_FILE_MARKER = "-Dindicators.child.pidfile=";
    private static final Duration SHUTDOWN_HOOK_GRACE = Duration.ofSeconds(10);
    private static final Duration OWNER_PATIENCE = Duration.ofSeconds(20);

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Path pidFile;
    private final long logStart;
    private final Thread shutdownHook;
    private boolean stopped;

    private ChildJvm(String name, Process process, Path logFile, long logStart, Path pidFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.logStart = logStart;
        this.pidFile = pidFile;
        this.shutdownHook = OwnerFirst.hook(name + "-stopper", this::isStopped, OWNER_PATIENCE, () -> stop(SHUTDOWN_HOOK_GRACE));
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts {@code java <jvmArgs> <mainArgs>}; output (stdout and stderr) is appended to {@code logFile}.
     *
     * @param java     the java executable
     * @param jvmArgs  options, then {@code -cp ... MainClass} or {@code -jar x.jar}
     * @param mainArgs arguments of the main class
     * @param env      environment variables added to ours
     */
    public static ChildJvm start(String name, Path java, List<String> jvmArgs, List<String> mainArgs,
                                 Map<String, String> env, Path workDir, Path logFile, Path pidFile) {
        try {
            Files.createDirectories(workDir);
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            stopSurvivor(name, pidFile);
            List<String> command = new ArrayList<>();
            command.add(java.toString());
            command.add(PID_FILE_MARKER + pidFile.toAbsolutePath());
            command.addAll(jvmArgs);
            command.addAll(mainArgs);
            Files.writeString(logFile, "===== " + OffsetDateTime.now() + " starting " + name + ": " + String.join(" ", command) + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            long logStart = Files.size(logFile);
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(env);
            Process process = builder
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            Files.writeString(pidFile, Long.toString(process.pid()));
            log.debug("started {} (pid {}), log {}", name, process.pid(), logFile);
            return new ChildJvm(name, process, logFile, logStart, pidFile);
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + name + ": " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, if it has exited. */
    public Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    /**
     * What became of the process if it has exited although nobody stopped it (out of memory, killed by the operating
     * system or a person), in a sentence for a person, with the last lines of its log; empty while it runs or after
     * {@link #stop}.
     */
    public synchronized Optional<String> unexpectedExit(int logLines) {
        if (stopped || process.isAlive()) return Optional.empty();
        int code = process.exitValue();
        String why = switch (code) {
            case 3 -> "it ran out of memory (exit code 3: the JVM runs with -XX:+ExitOnOutOfMemoryError)";
            case 137 -> "it was killed (SIGKILL, exit code 137), e.g. by the kernel's out-of-memory killer or by kill -9";
            case 143 -> "it was terminated by SIGTERM from outside (exit code 143)";
            default -> "it exited with code " + code;
        };
        return Optional.of("the " + name + " (pid " + process.pid() + ") has stopped: " + why + ". The last lines of its log ("
                + logFile + "):\n" + logTail(logLines));
    }

    /** The last lines this run wrote to the log file (earlier runs appended to it too): what an error message needs. */
    public String logTail(int lines) {
        return tail(logFile, logStart, lines);
    }

    private synchronized boolean isStopped() {
        return stopped;
    }

    /** SIGTERM, wait up to {@code grace}, then SIGKILL. Idempotent. */
    public synchronized void stop(Duration grace) {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("{} (pid {}) did not stop within {} s, killing it", name, process.pid(), grace.toSeconds());
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException ignored) {
                // a stale pid file is harmless: the marker check protects unrelated processes
            }
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(30));
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or about to; stop() is idempotent
        }
    }

    /** Stops a child of an earlier run on this pid file that outlived its parent (the pid file's marker must match). */
    public static void stopSurvivor(String name, Path pidFile) {
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        String text;
        try {
            text = Files.readString(pidFile).trim();
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not read " + pidFile, e);
        }
        long pid;
        try {
            pid = Long.parseLong(text);
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> survivor = ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains(PID_FILE_MARKER + pidFile.toAbsolutePath())).orElse(false));
        if (survivor.isEmpty()) {
            return;
        }
        log.warn("a previous {} (pid {}) is still running on this data directory, stopping it", name, pid);
        ProcessHandle p = survivor.get();
        p.destroy();
        try {
            p.onExit().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
        }
    }

    static String tail(Path file, long from, int lines) {
        if (!Files.isRegularFile(file)) {
            return "(no log file " + file + ")";
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            int chunk = (int) Math.min(Math.max(0, length - from), 256 * 1024);
            byte[] bytes = new byte[chunk];
            raf.seek(length - chunk);
            raf.readFully(bytes);
            String[] all = new String(bytes, StandardCharsets.UTF_8).split("\\R");
            int first = Math.max(0, all.length - lines);
            return String.join("\n", Arrays.copyOfRange(all, first, all.length));
        } catch (IOException e) {
            return "(could not read " + file + ": " + e.getMessage() + ")";
        }
    }

    /** The java executable of this JVM: children run on the same Java as their parent. */
    public static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }
}
