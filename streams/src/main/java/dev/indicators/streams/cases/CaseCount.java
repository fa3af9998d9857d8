package dev.indicators.streams.cases;

import dev.indicators.streams.totals.IndicatorName;

import java.time.LocalDate;

/** One thing a case counts for: an indicator, in the case's own region, on a day (Asia/Shanghai). */
public record CaseCount(String regionCode, IndicatorName indicator, LocalDate day) {
}
