package dev.indicators.app.targets;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A target evaluated over one period: the total's value (with numerator and denominator for rates) and the status. */
@JsonPropertyOrder({"region", "indicator", "period", "comparator", "threshold", "status", "value", "numerator", "denominator", "source"})
public record TargetEvaluation(String region, String indicator, String period, String comparator, double threshold,
                               TargetStatus status, Double value, Long numerator, Long denominator, String source) {

    public static TargetEvaluation of(Target t, String period, Double value, Long numerator, Long denominator) {
        return new TargetEvaluation(t.region(), t.indicator(), period, t.comparison().symbol(), t.threshold(),
                TargetStatus.of(t, value), value, numerator, denominator, t.source());
    }
}
