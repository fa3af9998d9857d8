package dev.indicators.bench;

/** The bench could not complete a phase (infrastructure, lost events, a stuck pipeline); the message says which. */
public final class BenchFailure extends RuntimeException {

    public BenchFailure(String message) {
        super(message);
    }

    public BenchFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
