package dev.indicators.platform.process;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A shutdown hook that lets the owner close first. JVM shutdown hooks run all at once: without this, Ctrl-C would stop
 * the broker while the streams app above it is still committing, and its close would wait on a dead broker. The hook
 * waits (up to {@code patience}) for the owner's orderly close, and only then stops what is left.
 */
public final class OwnerFirst {

    private OwnerFirst() {
    }

    public static Thread hook(String name, BooleanSupplier closedByOwner, Duration patience, Runnable stop) {
        return new Thread(() -> {
            long deadline = System.nanoTime() + patience.toNanos();
            while (!closedByOwner.getAsBoolean() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            stop.run();
        }, name);
    }
}
