package dev.indicators.streams.aggregate;

import dev.indicators.streams.totals.Figure;
import dev.indicators.contract.indicator.IndicatorName;
import dev.indicators.streams.totals.Period;

import java.time.LocalDate;
import java.util.List;

/**
 * Computes any figure from {@link TotalsCells}: shared by the publication and by the query API, so both answer the
 * same way. Quarters and years are sums of months; a span of days (trailing windows) is summed from whole months
 * where it covers them and from day cells at its ends; a stock at the end of a period is the sum of its changes up to
 * that end; rates divide sums of counts of the same period.
 */
public final class FigureReader {

    private final TotalsCells cells;

    public FigureReader(TotalsCells cells) {
        this.cells = cells;
    }

    /** The figure of any indicator; trailing windows and all time are read as of {@code today}. */
    public Figure figure(int region, IndicatorName indicator, Period period, LocalDate today) {
        return switch (indicator.kind()) {
            case COUNT -> Figure.count(count(region, indicator.ordinal(), period, today));
            case STOCK -> Figure.count(stock(region, indicator.ordinal(), period));
            case RATE -> Figure.rate(sum(region, indicator.numerator(), period, today), sum(region, indicator.denominator(), period, today));
        };
    }

    private long sum(int region, List<IndicatorName> counts, Period period, LocalDate today) {
        long total = 0;
        for (IndicatorName c : counts) total += count(region, c.ordinal(), period, today);
        return total;
    }

    /** A flow: how many cases were counted in the period. */
    public long count(int region, int indicator, Period period, LocalDate today) {
        return switch (period.kind()) {
            case DAY -> cells.day(region, indicator, (int) period.start().toEpochDay());
            case MONTH -> cells.month(region, indicator, Months.of(period.start()));
            case QUARTER, YEAR -> months(region, indicator, Months.of(period.start()), Months.of(period.end()));
            case ALL -> cells.all(region, indicator);
            case TRAILING -> days(region, indicator, (int) period.firstDay(today).toEpochDay(), (int) today.toEpochDay());
        };
    }

    /** A stock at the end of the period's last day; trailing windows and all time give the stock now. */
    public long stock(int region, int indicator, Period period) {
        if (!period.kind().calendar()) return cells.all(region, indicator);
        int first = cells.firstMonth(region, indicator);
        if (first == TotalsCells.NO_MONTH) return 0;
        LocalDate end = period.end();
        int endMonth = Months.of(end);
        long total = months(region, indicator, first, endMonth - 1);
        if (end.equals(Months.yearMonth(endMonth).atEndOfMonth())) {
            total += cells.month(region, indicator, endMonth);
        } else {
            total += dayCells(region, indicator, Months.firstEpochDay(endMonth), (int) end.toEpochDay());
        }
        return total;
    }

    private long months(int region, int indicator, int from, int to) {
        long total = 0;
        for (int m = from; m <= to; m++) total += cells.month(region, indicator, m);
        return total;
    }

    /** The sum over the days {@code from..to} (epoch days, both included). */
    long days(int region, int indicator, int from, int to) {
        long total = 0;
        int d = from;
        while (d <= to) {
            int month = Months.ofEpochDay(d);
            int monthFirst = Months.firstEpochDay(month);
            int monthLast = Months.lastEpochDay(month);
            if (d == monthFirst && monthLast <= to) {
                total += cells.month(region, indicator, month);
                d = monthLast + 1;
            } else {
                int stop = Math.min(monthLast, to);
                total += dayCells(region, indicator, d, stop);
                d = stop + 1;
            }
        }
        return total;
    }

    private long dayCells(int region, int indicator, int from, int to) {
        long total = 0;
        for (int d = from; d <= to; d++) total += cells.day(region, indicator, d);
        return total;
    }
}
