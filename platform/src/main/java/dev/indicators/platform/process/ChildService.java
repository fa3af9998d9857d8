package dev.indicators.platform.process;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * A server of the stack running as a child JVM (the broker, the registry): its process, log and pid, and a graceful
 * stop that kills the process only if it hangs. How it starts and when it is ready is {@link ServingChild}'s.
 */
public abstract class ChildService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChildService.class);

    private final ChildJvm process;

    protected ChildService(ChildJvm process) {
        this.process = process;
    }

    /** What the stop is logged as, e.g. "Kafka broker on 127.0.0.1:9092". */
    protected abstract String description();

    /** stdout and stderr of the child JVM. */
    public Path logFile() {
        return process.logFile();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** What happened, if the process has exited although nobody stopped it ({@link ChildJvm#unexpectedExit}). */
    public java.util.Optional<String> unexpectedExit() {
        return process.unexpectedExit(20);
    }

    /** Stops the server gracefully, killing it only if it hangs. */
    @Override
    public void close() {
        process.close();
        log.info("{} stopped", description());
    }
}
