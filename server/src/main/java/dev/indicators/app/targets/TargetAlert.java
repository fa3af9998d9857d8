package dev.indicators.app.targets;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The record a flip publishes on the compacted alerts topic ({@code indicators.alerts.v1}), keyed by {@link #key()}
 * ({@code region|period|rule}), so compaction keeps each target's latest status per period.
 */
@JsonPropertyOrder({"key", "region", "indicator", "period", "comparator", "threshold", "status", "previousStatus", "value",
        "numerator", "denominator", "source", "totalUpdatedAt", "publishedAt"})
public record TargetAlert(String key, String region, String indicator, String period, String comparator, double threshold,
                          TargetStatus status, TargetStatus previousStatus, Double value, Long numerator, Long denominator,
                          String source, String totalUpdatedAt, String publishedAt) {

    public static String keyOf(Target t, String period) {
        return t.region() + "|" + period + "|" + t.rule();
    }
}
