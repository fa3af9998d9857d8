package dev.indicators.streams.totals;

/** The kinds of period every indicator is available for. */
public enum PeriodKind {
    DAY("day"),
    MONTH("month"),
    QUARTER("quarter"),
    YEAR("year"),
    /** The last N Asia/Shanghai calendar days, today included. */
    TRAILING("trailing"),
    ALL("all");

    private final String prefix;

    PeriodKind(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    /** Day, month, quarter and year: periods with fixed calendar bounds, kept as stored buckets. */
    public boolean calendar() {
        return this == DAY || this == MONTH || this == QUARTER || this == YEAR;
    }
}
