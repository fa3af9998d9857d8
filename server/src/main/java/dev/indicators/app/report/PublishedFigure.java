package dev.indicators.app.report;

import java.math.BigDecimal;

/**
 * One figure a region published in its yearly report, as in {@code published-figures.csv}
 * ({@code region_code,year,indicator,value,unit,note}). A rate is published with unit {@code %} (95.5) or as a fraction.
 */
public record PublishedFigure(String region, int year, String indicator, BigDecimal value, String unit, String note) {

    public boolean isPercent() {
        return "%".equals(unit) || "percent".equalsIgnoreCase(unit);
    }

    /** The value as the pipeline states it: a percentage as a fraction. */
    public double pipelineValue() {
        return isPercent() ? value.doubleValue() / 100.0 : value.doubleValue();
    }
}
