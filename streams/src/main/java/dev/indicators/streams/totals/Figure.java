package dev.indicators.streams.totals;

/**
 * The value of one indicator for one region and period. Counts and stocks carry only {@code value} (a whole number);
 * rates carry {@code numerator} and {@code denominator}, and their {@code value} is {@code null} when the denominator
 * is 0 (a rate with no basis is undefined, not 0 %).
 */
public record Figure(Double value, Long numerator, Long denominator) {

    public static Figure count(long n) {
        return new Figure((double) n, null, null);
    }

    public static Figure rate(long numerator, long denominator) {
        return new Figure(denominator == 0 ? null : (double) numerator / denominator, numerator, denominator);
    }
}
