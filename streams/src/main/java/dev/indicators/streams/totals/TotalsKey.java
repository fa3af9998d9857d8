package dev.indicators.streams.totals;

import dev.indicators.contract.indicator.IndicatorName;

/**
 * Keys of the totals store and of the totals topic: {@code regionCode|indicator|period}. Within one region and
 * indicator, the keys of one calendar kind sort chronologically ({@code day:2017-03-02} before {@code day:2017-03-10}),
 * so a range of days is a range scan.
 */
public final class TotalsKey {

    private TotalsKey() {
    }

    public static String of(String regionCode, IndicatorName indicator, Period period) {
        return of(regionCode, indicator, period.text());
    }

    public static String of(String regionCode, IndicatorName indicator, String periodText) {
        return regionCode + "|" + indicator.text() + "|" + periodText;
    }

    /** The lowest key of {@code kind} for the region and indicator, below every bucket of that kind. */
    public static String firstOfKind(String regionCode, IndicatorName indicator, PeriodKind kind) {
        return regionCode + "|" + indicator.text() + "|" + kind.prefix() + ":";
    }

    /** The highest key of {@code kind} for the region and indicator, above every bucket of that kind. */
    public static String lastOfKind(String regionCode, IndicatorName indicator, PeriodKind kind) {
        return regionCode + "|" + indicator.text() + "|" + kind.prefix() + ":\uFFFF";
    }

    /** The parts of a key: region code, indicator text, period text. */
    public static String[] split(String key) {
        String[] parts = key.split("\\|", 3);
        if (parts.length != 3) throw new IllegalArgumentException("not a totals key: " + key);
        return parts;
    }
}
