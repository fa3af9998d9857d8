package dev.indicators.streams.aggregate;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the query API finds the totals of this instance: every totals task registers its {@link RegionTotals} when
 * its processor is initialised (after its store is restored and the totals rebuilt) and removes them when closed.
 * {@link #view()} reads the cells of all of them, each under its task's monitor; a region's cells live in one task
 * only (its province's, or the nation's), so the sum over tasks is that task's value.
 */
public final class TotalsDirectory {

    private final Map<String, RegionTotals> live = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    /** The app is stopping cleanly: every commit from now on publishes what is unpublished (the final cycle). */
    public void stopping() {
        stopping = true;
    }

    boolean isStopping() {
        return stopping;
    }

    private final Map<String, Boolean> unpublished = new ConcurrentHashMap<>();

    void unpublished(String task, boolean any) {
        if (any) unpublished.put(task, true);
        else unpublished.remove(task);
    }

    /** Whether some local totals task holds committed changes it has not published yet. */
    public boolean anyUnpublished() {
        return !unpublished.isEmpty();
    }

    void register(String task, RegionTotals totals) {
        live.put(task, totals);
    }

    void unregister(String task, RegionTotals totals) {
        if (live.remove(task, totals)) unpublished.remove(task);
    }

    /** The tasks whose totals are readable here now. */
    public List<String> tasks() {
        return List.copyOf(live.keySet());
    }

    /** The cells of every local totals task, read under each task's monitor. */
    public TotalsCells view() {
        List<RegionTotals> parts = List.copyOf(live.values());
        return new TotalsCells() {
            @Override
            public long day(int region, int indicator, int epochDay) {
                long sum = 0;
                for (RegionTotals t : parts) synchronized (t) { sum += t.day(region, indicator, epochDay); }
                return sum;
            }

            @Override
            public long month(int region, int indicator, int month) {
                long sum = 0;
                for (RegionTotals t : parts) synchronized (t) { sum += t.month(region, indicator, month); }
                return sum;
            }

            @Override
            public long all(int region, int indicator) {
                long sum = 0;
                for (RegionTotals t : parts) synchronized (t) { sum += t.all(region, indicator); }
                return sum;
            }

            @Override
            public int firstMonth(int region, int indicator) {
                int first = NO_MONTH;
                for (RegionTotals t : parts) {
                    int m;
                    synchronized (t) { m = t.firstMonth(region, indicator); }
                    if (m != NO_MONTH && (first == NO_MONTH || m < first)) first = m;
                }
                return first;
            }

            @Override
            public int lastMonth(int region, int indicator) {
                int last = NO_MONTH;
                for (RegionTotals t : parts) {
                    int m;
                    synchronized (t) { m = t.lastMonth(region, indicator); }
                    if (m > last) last = m;
                }
                return last;
            }

            @Override
            public boolean hasMonth(int region, int indicator, int month) {
                for (RegionTotals t : parts) synchronized (t) { if (t.hasMonth(region, indicator, month)) return true; }
                return false;
            }
        };
    }
}
