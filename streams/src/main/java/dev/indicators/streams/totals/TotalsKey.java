package dev.indicators.streams.totals;

import dev.indicators.contract.indicator.IndicatorName;

/** Keys of the totals topic: {@code regionCode|indicator|period}, e.g. {@code 310118|mediation.received|year:2017}. */
public final class TotalsKey {

    private TotalsKey() {
    }

    public static String of(String regionCode, IndicatorName indicator, Period period) {
        return of(regionCode, indicator, period.text());
    }

    public static String of(String regionCode, IndicatorName indicator, String periodText) {
        return regionCode + "|" + indicator.text() + "|" + periodText;
    }
}
