package dev.indicators.streams.totals;

/** The three domains an indicator belongs to; rates only combine indicators of one family. */
public enum IndicatorFamily {
    RECONSIDERATION("reconsideration"),
    MEDIATION("mediation"),
    CERTIFICATES("certificates");

    private final String prefix;

    IndicatorFamily(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }
}
