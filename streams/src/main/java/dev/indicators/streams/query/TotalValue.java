package dev.indicators.streams.query;

/**
 * One answer of the query API: the value of {@code indicator} for {@code regionCode} over {@code period} (canonical
 * period text, e.g. {@code quarter:2017Q1}). Counts and stocks: {@code value} is a whole number and numerator and
 * denominator are null. Rates: numerator and denominator are the counts the rate is computed from, and {@code value}
 * is their ratio, or null when the denominator is 0. A known region with no events answers 0.
 */
public record TotalValue(String regionCode, String regionLevel, String indicator, String period,
                         Double value, Long numerator, Long denominator) {
}
