package dev.indicators.contract.cases;

import dev.indicators.contract.indicator.IndicatorName;

import java.time.LocalDate;

/** One thing a case counts for: an indicator, in the case's own region, on a day (Asia/Shanghai). */
public record CaseCount(String regionCode, IndicatorName indicator, LocalDate day) {
}
