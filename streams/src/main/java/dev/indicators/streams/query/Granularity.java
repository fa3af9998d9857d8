package dev.indicators.streams.query;

import dev.indicators.streams.totals.InvalidTotalsRequestException;

import java.util.Locale;

/** The step of a series: one point per day or per month. */
public enum Granularity {
    DAY, MONTH;

    public static Granularity parse(String text) {
        if (text != null) {
            switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "day" -> { return DAY; }
                case "month" -> { return MONTH; }
                default -> { }
            }
        }
        throw new InvalidTotalsRequestException("unknown granularity '" + text + "'; expected day or month");
    }
}
