package dev.indicators.streams.totals;

/**
 * A question about totals that names something that does not exist (region, indicator) or cannot be read (period,
 * series bounds). The HTTP layer answers these with 400; the message says what was wrong.
 */
public class InvalidTotalsRequestException extends IllegalArgumentException {
    public InvalidTotalsRequestException(String message) {
        super(message);
    }
}
