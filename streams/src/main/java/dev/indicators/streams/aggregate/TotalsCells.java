package dev.indicators.streams.aggregate;

/**
 * The stored counts a figure is computed from, by region index, indicator ordinal and time: day cells (epoch day),
 * month cells (month number {@code year * 12 + month - 1}) and the all-time cell. For a count, the number of cases
 * counted in the cell; for the stock {@code certificates.active}, the net change of the stock within it. Absent cells
 * are 0.
 */
public interface TotalsCells {

    /** No month holds a cell. */
    int NO_MONTH = Integer.MIN_VALUE;

    long day(int region, int indicator, int epochDay);

    long month(int region, int indicator, int month);

    long all(int region, int indicator);

    /** The earliest month with a cell, or {@link #NO_MONTH}. */
    int firstMonth(int region, int indicator);

    /** The latest month with a cell, or {@link #NO_MONTH}. */
    int lastMonth(int region, int indicator);

    /** Whether the month has a cell (a change happened in it, even one that was undone later). */
    boolean hasMonth(int region, int indicator, int month);
}
