package dev.indicators.streams.aggregate;

import dev.indicators.contract.mediation.MediationIndicators;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.streams.region.RegionIndex;
import dev.indicators.contract.indicator.IndicatorKind;
import dev.indicators.contract.indicator.IndicatorName;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The totals stage's stored form: a restart rebuilds the totals from the stored blocks alone (each region's own day
 * cells per month), so every rolled-up cell after the rebuild equals the cell before it; and a block says whether it
 * holds changes that were not yet published.
 */
@DisplayName("Region totals: rebuilt from their stored blocks, cell for cell")
class RegionTotalsTest {

    private final RegionTable table = RegionTable.bundled();
    private final RegionIndex regions = new RegionIndex(table);

    @Test
    @DisplayName("random changes of random regions, stored as blocks and loaded into fresh totals, give the same cells at every level")
    void rebuildFromBlocks() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        RegionTotals before = new RegionTotals(regions);
        List<String> codes = new ArrayList<>(regions.codes());
        codes.remove(RegionIndex.NATION);
        Set<Long> blocks = new HashSet<>();
        List<int[]> applied = new ArrayList<>();
        IndicatorName[] counted = java.util.Arrays.stream(IndicatorName.values()).filter(n -> n.kind() != IndicatorKind.RATE).toArray(IndicatorName[]::new);
        for (int i = 0; i < 5000; i++) {
            int origin = regions.indexOf(codes.get(random.nextInt(codes.size())));
            int indicator = counted[random.nextInt(counted.length)].ordinal();
            int day = 17000 + random.nextInt(900);
            int delta = random.nextInt(5) - 2;
            before.apply(origin, indicator, day, delta);
            blocks.add(RegionTotals.key(origin, 0, Months.ofEpochDay(day)));
            applied.add(new int[]{origin, indicator, day});
        }
        Map<String, byte[]> store = new HashMap<>();
        for (long b : blocks) {
            int origin = (int) (b >>> 38);
            int month = (int) b;
            byte[] value = before.block(origin, month, 7, month % 2 == 0 ? 1234L : RegionTotals.PUBLISHED);
            if (value != null) store.put(before.blockKey(origin, month), value);
        }
        RegionTotals after = new RegionTotals(regions);
        int unpublished = 0;
        for (Map.Entry<String, byte[]> e : store.entrySet()) {
            RegionTotals.StoredBlock b = after.load(e.getKey(), e.getValue());
            assertThat(b.cycle()).isEqualTo(7);
            assertThat(b.unpublishedSince()).isEqualTo(b.month() % 2 == 0 ? 1234L : RegionTotals.PUBLISHED);
            if (b.unpublishedSince() != RegionTotals.PUBLISHED) unpublished++;
        }
        assertThat(unpublished).isPositive();
        for (int[] a : applied) {
            for (int r : before.levels(a[0])) {
                String what = "seed " + seed + ": region " + regions.code(r) + " indicator " + a[1] + " day " + a[2];
                assertThat(after.day(r, a[1], a[2])).as(what).isEqualTo(before.day(r, a[1], a[2]));
                assertThat(after.month(r, a[1], Months.ofEpochDay(a[2]))).as(what).isEqualTo(before.month(r, a[1], Months.ofEpochDay(a[2])));
                assertThat(after.all(r, a[1])).as(what).isEqualTo(before.all(r, a[1]));
            }
        }
    }

    @Test
    @DisplayName("a county's change rolls up to its city and province, not to the nation; the nation's own changes stay the nation's")
    void rollUp() {
        RegionTotals totals = new RegionTotals(regions);
        int qingpu = regions.indexOf("310118");
        int nation = regions.indexOf("000000");
        int received = MediationIndicators.RECEIVED.ordinal();
        totals.apply(qingpu, received, 17000, 3);
        totals.apply(nation, received, 17000, 5);
        assertThat(totals.all(regions.indexOf("310100"), received)).isEqualTo(3);
        assertThat(totals.all(regions.indexOf("310000"), received)).isEqualTo(3);
        assertThat(totals.all(nation, received)).isEqualTo(5);
    }
}
