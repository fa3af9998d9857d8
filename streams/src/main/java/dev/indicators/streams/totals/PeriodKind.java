package dev.indicators.streams.totals;

/** The kinds of period every indicator is available for. */
public enum PeriodKind {
    DAY,
    MONTH,
    QUARTER,
    YEAR,
    /** The last N Asia/Shanghai calendar days, today included. */
    TRAILING,
    ALL;

    /** Day, month, quarter and year: periods with fixed calendar bounds, kept as stored buckets. */
    public boolean calendar() {
        return this == DAY || this == MONTH || this == QUARTER || this == YEAR;
    }
}
