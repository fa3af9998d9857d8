package dev.indicators.streams.change;

import dev.indicators.contract.indicator.IndicatorName;

import java.time.LocalDate;
import java.util.Arrays;

/**
 * A batch of count changes, the record between the case stage and the totals stage: entry {@code i} says that
 * {@code delta(i)} cases more (or fewer) count for {@code indicator(i)} in {@code regionCode(i)}, dated
 * {@code epochDay(i)} (Asia/Shanghai). The case stage sums the changes of its cases between two commits and sends one
 * batch per routing key (a province, or the nation) before each commit, instead of one record per change and region.
 */
public final class CountChanges {

    private static final IndicatorName[] INDICATORS = IndicatorName.values();

    private String[] regions;
    private byte[] indicators;
    private int[] days;
    private int[] deltas;
    private int size;

    public CountChanges(int capacity) {
        int c = Math.max(4, capacity);
        regions = new String[c];
        indicators = new byte[c];
        days = new int[c];
        deltas = new int[c];
    }

    public CountChanges add(String regionCode, IndicatorName indicator, LocalDate day, int delta) {
        return add(regionCode, indicator.ordinal(), (int) day.toEpochDay(), delta);
    }

    public CountChanges add(String regionCode, int indicatorOrdinal, int epochDay, int delta) {
        if (size == regions.length) {
            int c = size * 2;
            regions = Arrays.copyOf(regions, c);
            indicators = Arrays.copyOf(indicators, c);
            days = Arrays.copyOf(days, c);
            deltas = Arrays.copyOf(deltas, c);
        }
        regions[size] = regionCode;
        indicators[size] = (byte) indicatorOrdinal;
        days[size] = epochDay;
        deltas[size] = delta;
        size++;
        return this;
    }

    public int size() {
        return size;
    }

    public String regionCode(int i) {
        return regions[i];
    }

    public IndicatorName indicator(int i) {
        return INDICATORS[indicators[i]];
    }

    public int epochDay(int i) {
        return days[i];
    }

    public int delta(int i) {
        return deltas[i];
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CountChanges c) || c.size != size) return false;
        for (int i = 0; i < size; i++) {
            if (!regions[i].equals(c.regions[i]) || indicators[i] != c.indicators[i] || days[i] != c.days[i] || deltas[i] != c.deltas[i]) return false;
        }
        return true;
    }

    @Override
    public int hashCode() {
        return size;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("CountChanges[");
        for (int i = 0; i < size; i++) {
            if (i > 0) b.append(", ");
            b.append(regions[i]).append(' ').append(indicator(i)).append(' ').append(LocalDate.ofEpochDay(days[i])).append(' ').append(deltas[i]);
        }
        return b.append(']').toString();
    }
}
