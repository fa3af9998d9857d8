package dev.indicators.testkit.recount;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * One indicator of one region over days: the counts of each day, then (after {@link #finish()}) their running sums.
 * Dense (an array over every day) for the few sampled regions of a large recount; sparse (only the days with counts)
 * when every region of the table is answered, where most regions see few days.
 */
final class DaySeries {

    private long[] dense;
    private Map<Integer, Long> sparse;
    private int[] days;
    private long[] sums;

    static DaySeries dense(int days) {
        DaySeries s = new DaySeries();
        s.dense = new long[days];
        return s;
    }

    static DaySeries sparse() {
        DaySeries s = new DaySeries();
        s.sparse = new HashMap<>();
        return s;
    }

    void add(int day, long delta) {
        if (dense != null) dense[day] += delta;
        else sparse.merge(day, delta, Long::sum);
    }

    void finish() {
        if (dense != null) {
            for (int d = 1; d < dense.length; d++) dense[d] += dense[d - 1];
            return;
        }
        days = sparse.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        sums = new long[days.length];
        long running = 0;
        for (int i = 0; i < days.length; i++) {
            running += sparse.get(days[i]);
            sums[i] = running;
        }
        sparse = null;
    }

    /** The sum of the counts of every day up to {@code day}, included (day 0 is the recount's first day). */
    long upTo(int day) {
        if (day < 0) return 0;
        if (dense != null) return dense[Math.min(day, dense.length - 1)];
        int i = Arrays.binarySearch(days, day);
        if (i < 0) i = -i - 2; // the last day before it
        return i < 0 ? 0 : sums[i];
    }
}
