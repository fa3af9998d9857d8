package dev.indicators.streams.totals;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * Reads figures from the totals store. Shared by the aggregation (to publish what changed) and by the query API, so
 * both answer the same way.
 *
 * <p>What the store holds for each region and indicator: for a count, one entry per calendar bucket (day, month,
 * quarter, year) and one for all time, each the number of cases counted in it; for the stock
 * {@code certificates.active}, the same buckets hold the net change of the stock within the bucket, so the stock at
 * the end of a period is the sum of the changes up to that end. Absent entries are 0.
 */
public final class TotalsReader {

    private final ReadOnlyKeyValueStore<String, Long> store;

    public TotalsReader(ReadOnlyKeyValueStore<String, Long> store) {
        this.store = store;
    }

    /** The figure of any indicator; trailing windows and all time are read as of {@code today}. */
    public Figure figure(String regionCode, IndicatorName indicator, Period period, LocalDate today) {
        return switch (indicator.kind()) {
            case COUNT -> Figure.count(count(regionCode, indicator, period, today));
            case STOCK -> Figure.count(stock(regionCode, indicator, period, today));
            case RATE -> Figure.rate(sum(regionCode, indicator.numerator(), period, today), sum(regionCode, indicator.denominator(), period, today));
        };
    }

    /** A flow: how many cases were counted in the period. */
    public long count(String regionCode, IndicatorName indicator, Period period, LocalDate today) {
        if (period.kind() == PeriodKind.TRAILING) {
            return sumRange(TotalsKey.of(regionCode, indicator, Period.day(period.firstDay(today))),
                    TotalsKey.of(regionCode, indicator, Period.day(today)));
        }
        return get(TotalsKey.of(regionCode, indicator, period));
    }

    /** A stock as of the period's last day; trailing windows and all time end today, so they give the stock now. */
    public long stock(String regionCode, IndicatorName indicator, Period period, LocalDate today) {
        if (period.kind() == PeriodKind.ALL || period.kind() == PeriodKind.TRAILING) {
            return get(TotalsKey.of(regionCode, indicator, Period.ALL));
        }
        LocalDate end = period.end();
        int year = end.getYear();
        long total = sumRange(TotalsKey.firstOfKind(regionCode, indicator, PeriodKind.YEAR),
                TotalsKey.of(regionCode, indicator, "year:" + String.format("%04d", year - 1)));
        switch (period.kind()) {
            case YEAR -> total += get(TotalsKey.of(regionCode, indicator, Period.year(year)));
            case QUARTER -> total += sumRange(TotalsKey.of(regionCode, indicator, Period.quarterOf(LocalDate.of(year, 1, 1))),
                    TotalsKey.of(regionCode, indicator, period));
            case MONTH -> total += sumRange(TotalsKey.of(regionCode, indicator, Period.month(YearMonth.of(year, 1))),
                    TotalsKey.of(regionCode, indicator, period));
            case DAY -> {
                if (end.getMonthValue() > 1) {
                    total += sumRange(TotalsKey.of(regionCode, indicator, Period.month(YearMonth.of(year, 1))),
                            TotalsKey.of(regionCode, indicator, Period.month(YearMonth.of(year, end.getMonthValue() - 1))));
                }
                total += sumRange(TotalsKey.of(regionCode, indicator, Period.day(end.withDayOfMonth(1))),
                        TotalsKey.of(regionCode, indicator, period));
            }
            default -> throw new IllegalStateException("not a calendar period: " + period);
        }
        return total;
    }

    /**
     * The trailing windows of {@code days} (ending {@code today}) of a count at once: one scan of the longest window's
     * day buckets instead of {@link #count} once per window.
     */
    public long[] trailing(String regionCode, IndicatorName indicator, LocalDate today, List<Integer> days) {
        if (indicator.kind() != IndicatorKind.COUNT) throw new IllegalArgumentException("not a count: " + indicator);
        long[] values = new long[days.size()];
        String[] firstKeys = new String[days.size()];
        String first = null;
        for (int i = 0; i < firstKeys.length; i++) {
            firstKeys[i] = TotalsKey.of(regionCode, indicator, Period.day(Period.trailing(days.get(i)).firstDay(today)));
            if (first == null || firstKeys[i].compareTo(first) < 0) first = firstKeys[i];
        }
        String last = TotalsKey.of(regionCode, indicator, Period.day(today));
        if (first.compareTo(last) > 0) return values;
        try (KeyValueIterator<String, Long> it = store.range(first, last)) {
            while (it.hasNext()) {
                KeyValue<String, Long> kv = it.next();
                if (kv.value == null) continue;
                for (int i = 0; i < values.length; i++) {
                    if (kv.key.compareTo(firstKeys[i]) >= 0) values[i] += kv.value; // day keys sort chronologically
                }
            }
        }
        return values;
    }

    private long sum(String regionCode, List<IndicatorName> indicators, Period period, LocalDate today) {
        long total = 0;
        for (IndicatorName i : indicators) total += count(regionCode, i, period, today);
        return total;
    }

    /** The stored entry, 0 when absent. */
    public long get(String key) {
        Long v = store.get(key);
        return v == null ? 0 : v;
    }

    /** The sum of the entries from {@code fromKey} to {@code toKey}, both included. */
    public long sumRange(String fromKey, String toKey) {
        if (fromKey.compareTo(toKey) > 0) return 0;
        long total = 0;
        try (KeyValueIterator<String, Long> it = store.range(fromKey, toKey)) {
            while (it.hasNext()) {
                Long v = it.next().value;
                if (v != null) total += v;
            }
        }
        return total;
    }
}
