package dev.indicators.app.targets;

import dev.indicators.streams.totals.PeriodKind;

/**
 * One target: {@code indicator} of {@code region} over each period of {@code periodKind} should compare with
 * {@code threshold} as {@code comparison} says (rates as fractions: 0.95 for 95 %). {@code source} says where the
 * target comes from (a plan, a published figure).
 */
public record Target(String region, String indicator, PeriodKind periodKind, Comparison comparison, double threshold, String source) {

    /** Its name within the region and period, e.g. {@code mediation.success_rate>=0.95}; part of an alert's key. */
    public String rule() {
        return indicator + comparison.symbol() + threshold;
    }

    public boolean metBy(double value) {
        return comparison.holds(value, threshold);
    }
}
