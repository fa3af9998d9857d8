package dev.indicators.app.live;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.indicators.contract.avro.IndicatorTotal;

/**
 * One changed total as a subscriber receives it: the record of the compacted totals topic, in the JSON of the query
 * API ({@code numerator} and {@code denominator} only for rates), with the time the pipeline stamped on it.
 */
@JsonPropertyOrder({"region", "regionLevel", "indicator", "period", "value", "numerator", "denominator", "updatedAt"})
public record TotalChange(String region, String regionLevel, String indicator, String period, Double value,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Long numerator,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Long denominator, String updatedAt) {

    public static TotalChange of(IndicatorTotal t) {
        Double value = Double.isNaN(t.getValue()) ? null : t.getValue();
        return new TotalChange(t.getRegionCode(), t.getRegionLevel(), t.getIndicator(), t.getPeriod(), value,
                t.getNumerator(), t.getDenominator(), t.getUpdatedAt() == null ? null : t.getUpdatedAt().toString());
    }
}
