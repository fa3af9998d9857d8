package dev.indicators.streams.query;

/** The totals cannot be read right now (the streams app is starting, rebalancing or stopped); try again later (HTTP 503). */
public class TotalsUnavailableException extends RuntimeException {
    public TotalsUnavailableException(String message) {
        super(message);
    }

    public TotalsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
