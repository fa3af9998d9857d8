package dev.indicators.streams.change;

import com.carrotsearch.hppc.LongIntHashMap;
import com.carrotsearch.hppc.cursors.LongIntCursor;
import dev.indicators.streams.region.RegionIndex;
import dev.indicators.contract.indicator.IndicatorName;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The count changes of one case task since its last commit, summed per region, indicator and day, and grouped by the
 * key the totals stage is partitioned by. A change of a region is kept once under the region's province (the totals
 * task of the province rolls it up to the city and province) and once under the nation (summed there with every
 * other region's, so the nation's task gets one entry per indicator and day, not one per region). Held in memory
 * only: the case processor drains it into the commit's transaction ({@code BeforeCommit}), so a crash loses it
 * together with the uncommitted case state it came from.
 */
public final class PendingChanges {

    /** Entries per record sent: keeps a record far below the broker's 1 MB limit (about 18 bytes an entry). */
    public static final int MAX_ENTRIES_PER_RECORD = 20_000;

    /** One record to send: the routing key, the changes, and the earliest input record time they reflect. */
    public record Batch(String routingKey, CountChanges changes, long earliestTimestamp) {
    }

    private final RegionIndex regions;
    private final Map<String, LongIntHashMap> byRoute = new LinkedHashMap<>();
    private final Map<String, Long> earliest = new LinkedHashMap<>();
    private final int nation;

    public PendingChanges(RegionIndex regions) {
        this.regions = regions;
        this.nation = regions.indexOf(RegionIndex.NATION);
    }

    public void add(String regionCode, IndicatorName indicator, LocalDate day, int delta, long timestamp) {
        if (delta == 0) return;
        int region = regions.indexOf(regionCode);
        int[] lineage = regions.lineage(region);
        String route = regions.routingKey(regionCode);
        if (region != nation) put(route, region, indicator, day, delta, timestamp);
        for (int r : lineage) {
            if (r == nation) {
                put(RegionIndex.NATION, nation, indicator, day, delta, timestamp);
                break;
            }
        }
    }

    private void put(String route, int region, IndicatorName indicator, LocalDate day, int delta, long timestamp) {
        long key = ((long) region << 38) | ((long) indicator.ordinal() << 32) | (day.toEpochDay() & 0xFFFFFFFFL);
        byRoute.computeIfAbsent(route, r -> new LongIntHashMap()).addTo(key, delta);
        earliest.merge(route, timestamp, Math::min);
    }

    public boolean isEmpty() {
        return byRoute.isEmpty();
    }

    /** The batches to send (entries that summed to 0 are left out), and forgets them. */
    public List<Batch> drain() {
        List<Batch> out = new ArrayList<>();
        for (Map.Entry<String, LongIntHashMap> e : byRoute.entrySet()) {
            long ts = earliest.get(e.getKey());
            CountChanges batch = new CountChanges(Math.min(e.getValue().size(), MAX_ENTRIES_PER_RECORD));
            for (LongIntCursor c : e.getValue()) {
                if (c.value == 0) continue;
                if (batch.size() == MAX_ENTRIES_PER_RECORD) {
                    out.add(new Batch(e.getKey(), batch, ts));
                    batch = new CountChanges(MAX_ENTRIES_PER_RECORD);
                }
                int region = (int) (c.key >>> 38);
                int indicator = (int) ((c.key >>> 32) & 0x3F);
                batch.add(regions.code(region), indicator, (int) c.key, c.value);
            }
            if (batch.size() > 0) out.add(new Batch(e.getKey(), batch, ts));
        }
        byRoute.clear();
        earliest.clear();
        return out;
    }
}
