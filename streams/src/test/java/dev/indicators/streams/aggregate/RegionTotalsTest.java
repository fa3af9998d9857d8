package dev.indicators.streams.aggregate;

import dev.indicators.contract.certificate.CertificateIndicators;
import dev.indicators.contract.mediation.MediationIndicators;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.streams.region.RegionIndex;
import dev.indicators.contract.indicator.IndicatorKind;
import dev.indicators.contract.indicator.IndicatorName;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
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

    private static int day(String date) {
        return (int) LocalDate.parse(date).toEpochDay();
    }

    @Test
    @DisplayName("a count's cells back at 0 hold nothing: the block of a month whose counts all went back to 0 is not stored")
    void countBackAtZeroIsNotStored() {
        RegionTotals totals = new RegionTotals(regions);
        int qingpu = regions.indexOf("310118");
        int received = MediationIndicators.RECEIVED.ordinal();
        totals.apply(qingpu, received, day("2017-03-02"), 1);
        totals.apply(qingpu, received, day("2017-03-02"), -1);
        assertThat(totals.block(qingpu, Months.of(LocalDate.parse("2017-03-02")), 0, RegionTotals.PUBLISHED)).isNull();
        assertThat(totals.all(qingpu, received)).isZero();
    }

    @Test
    @DisplayName("a stock's cell back at 0 is stored: after a rebuild its month still holds a change, at every level")
    void stockBackAtZeroIsStored() {
        RegionTotals before = new RegionTotals(regions);
        int qingpu = regions.indexOf("310118");
        int active = CertificateIndicators.ACTIVE.ordinal();
        int march = Months.of(LocalDate.parse("2017-03-01"));
        before.apply(qingpu, active, day("2017-03-05"), 1);
        before.apply(qingpu, active, day("2017-03-05"), -1);
        byte[] block = before.block(qingpu, march, 3, RegionTotals.PUBLISHED);
        assertThat(block).isNotNull();

        RegionTotals after = new RegionTotals(regions);
        after.load(before.blockKey(qingpu, march), block);
        for (String region : List.of("310118", "310100", "310000")) {
            int r = regions.indexOf(region);
            assertThat(after.hasMonth(r, active, march)).as(region).isTrue();
            assertThat(after.firstMonth(r, active)).as(region).isEqualTo(march);
            assertThat(after.lastMonth(r, active)).as(region).isEqualTo(march);
            assertThat(after.all(r, active)).as(region).isZero();
        }
    }

    @Test
    @DisplayName("a stored block names its region and month, the cycle it was written in, its earliest unpublished input time and the indicators it holds")
    void storedBlockSaysWhatItHolds() {
        RegionTotals before = new RegionTotals(regions);
        int qingpu = regions.indexOf("310118");
        int received = MediationIndicators.RECEIVED.ordinal();
        int active = CertificateIndicators.ACTIVE.ordinal();
        int march = Months.of(LocalDate.parse("2017-03-01"));
        before.apply(qingpu, received, day("2017-03-02"), 2);
        before.apply(qingpu, active, day("2017-03-31"), 1);
        before.apply(qingpu, received, day("2017-04-01"), 1); // another block

        String key = before.blockKey(qingpu, march);
        assertThat(key).isEqualTo("310118|2017-03");
        RegionTotals after = new RegionTotals(regions);
        RegionTotals.StoredBlock b = after.load(key, before.block(qingpu, march, 5, 1_750_000_000_000L));
        assertThat(b).isEqualTo(new RegionTotals.StoredBlock(qingpu, march, 5, 1_750_000_000_000L, (1L << received) | (1L << active)));
        assertThat(after.day(qingpu, received, day("2017-03-02"))).isEqualTo(2);
        assertThat(after.day(qingpu, active, day("2017-03-31"))).isEqualTo(1);
        assertThat(after.all(qingpu, received)).as("April is another block").isEqualTo(2);
        assertThat(after.dayCells()).as("two days at three levels").isEqualTo(6);
    }

    @Test
    @DisplayName("a region's first and last month with a cell, whatever the order of the changes; none for an indicator without cells")
    void firstAndLastMonth() {
        RegionTotals totals = new RegionTotals(regions);
        int qingpu = regions.indexOf("310118");
        int active = CertificateIndicators.ACTIVE.ordinal();
        totals.apply(qingpu, active, day("2017-03-05"), 1);
        totals.apply(qingpu, active, day("2017-01-05"), 1);
        totals.apply(qingpu, active, day("2017-05-05"), -1);
        totals.apply(qingpu, active, day("2017-02-05"), 1);
        assertThat(totals.firstMonth(qingpu, active)).isEqualTo(Months.of(LocalDate.parse("2017-01-01")));
        assertThat(totals.lastMonth(qingpu, active)).isEqualTo(Months.of(LocalDate.parse("2017-05-01")));
        int received = MediationIndicators.RECEIVED.ordinal();
        assertThat(totals.firstMonth(qingpu, received)).isEqualTo(TotalsCells.NO_MONTH);
        assertThat(totals.lastMonth(qingpu, received)).isEqualTo(TotalsCells.NO_MONTH);
    }

    @Test
    @DisplayName("the day cells dated from..to, both days included, are found with their region and indicator")
    void dayCellsBetween() {
        RegionTotals totals = new RegionTotals(regions);
        int qingpu = regions.indexOf("310118");
        IndicatorName[] names = {MediationIndicators.RECEIVED, MediationIndicators.SUCCEEDED, MediationIndicators.FAILED, MediationIndicators.WITHDRAWN};
        String[] days = {"2025-06-08", "2025-06-09", "2025-06-15", "2025-06-16"};
        for (int i = 0; i < days.length; i++) totals.apply(qingpu, names[i].ordinal(), day(days[i]), 1);

        Set<List<Integer>> found = new HashSet<>();
        totals.forEachDayCellBetween(day("2025-06-09"), day("2025-06-15"), (region, indicator) -> found.add(List.of(region, indicator)));
        Set<List<Integer>> expected = new HashSet<>();
        for (String region : List.of("310118", "310100", "310000")) {
            expected.add(List.of(regions.indexOf(region), MediationIndicators.SUCCEEDED.ordinal()));
            expected.add(List.of(regions.indexOf(region), MediationIndicators.FAILED.ordinal()));
        }
        assertThat(found).isEqualTo(expected);
    }
}
