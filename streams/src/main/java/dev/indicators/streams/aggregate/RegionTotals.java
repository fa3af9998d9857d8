package dev.indicators.streams.aggregate;

import com.carrotsearch.hppc.LongIntHashMap;
import com.carrotsearch.hppc.LongLongHashMap;
import dev.indicators.streams.region.RegionIndex;
import dev.indicators.contract.indicator.IndicatorKind;
import dev.indicators.contract.indicator.IndicatorName;

import java.nio.ByteBuffer;

/**
 * The totals of one totals task, in memory: day, month and all-time cells of every region its partitions own, rolled
 * up from each region to its ancestors below the nation (the nation's task holds the nation's). Primitive hash maps
 * (hppc) keyed by {@code region | indicator | day or month} packed into a long: no boxing and a few dozen bytes a
 * cell, where a store per bucket used to cost a RocksDB read and write per bucket and region level.
 *
 * <p>What is stored (and changelogged) is only each region's <em>own</em> day cells, the counts of cases whose region
 * it is, one record per region and month ({@link #block}); the rolled-up cells are rebuilt from them by
 * {@link #load} at start-up, so a change costs one block write per commit however many ancestors it moves.
 *
 * <p>Not thread-safe by itself: the stream thread changes it under its monitor, and the query API reads it under the
 * same monitor ({@link TotalsDirectory}).
 */
public final class RegionTotals implements TotalsCells {

    private static final IndicatorName[] INDICATORS = IndicatorName.values();
    private static final byte BLOCK_VERSION = 2;
    /** No unpublished change in the block. */
    public static final long PUBLISHED = Long.MAX_VALUE;

    /**
     * What a stored block says besides its cells: the publication cycle it was written in, the earliest input time of
     * its changes not yet published ({@link #PUBLISHED} if none), and the indicators it holds (a bit per ordinal).
     */
    public record StoredBlock(int origin, int month, int cycle, long unpublishedSince, long indicators) {
    }

    private final RegionIndex regions;
    private final int nation;
    private final LongLongHashMap days = new LongLongHashMap();
    private final LongLongHashMap months = new LongLongHashMap();
    private final LongLongHashMap all = new LongLongHashMap();
    private final LongIntHashMap firstMonth = new LongIntHashMap();
    private final LongIntHashMap lastMonth = new LongIntHashMap();
    /**
     * Own day cells, the stored truth, grouped as they are stored: (origin region, month) → (indicator, day of the
     * month) → value, so that writing a block reads only the cells it holds.
     */
    private final com.carrotsearch.hppc.LongObjectHashMap<com.carrotsearch.hppc.IntLongHashMap> own = new com.carrotsearch.hppc.LongObjectHashMap<>();

    public RegionTotals(RegionIndex regions) {
        this.regions = regions;
        this.nation = regions.indexOf(RegionIndex.NATION);
    }

    static long key(int region, int indicator, int value) {
        return ((long) region << 38) | ((long) indicator << 32) | (value & 0xFFFFFFFFL);
    }

    /**
     * The regions a change of {@code origin}'s own count moves: the origin and its ancestors below the nation, or the
     * nation alone (its changes arrive summed, under its own key).
     */
    int[] levels(int origin) {
        if (origin == nation) return new int[]{nation};
        int[] lineage = regions.lineage(origin);
        int n = 0;
        for (int r : lineage) if (r != nation) n++;
        if (n == lineage.length) return lineage;
        int[] out = new int[n];
        int i = 0;
        for (int r : lineage) if (r != nation) out[i++] = r;
        return out;
    }

    /** Moves {@code origin}'s own count by {@code delta}, and every region it rolls up to. */
    public void apply(int origin, int indicator, int epochDay, long delta) {
        int month = Months.ofEpochDay(epochDay);
        long blockKey = key(origin, 0, month);
        com.carrotsearch.hppc.IntLongHashMap block = own.get(blockKey);
        if (block == null) {
            block = new com.carrotsearch.hppc.IntLongHashMap(8);
            own.put(blockKey, block);
        }
        int cell = indicator << 5 | (epochDay - Months.firstEpochDay(month));
        long value = block.addTo(cell, delta);
        // a count cell back at 0 holds nothing; a stock's cell stays, its month keeps existing (see TotalsCells#hasMonth)
        if (value == 0 && INDICATORS[indicator].kind() == IndicatorKind.COUNT) {
            block.remove(cell);
            if (block.isEmpty()) own.remove(blockKey);
        }
        for (int r : levels(origin)) {
            days.addTo(key(r, indicator, epochDay), delta);
            months.addTo(key(r, indicator, month), delta);
            long allKey = key(r, indicator, 0);
            all.addTo(allKey, delta);
            int first = firstMonth.getOrDefault(allKey, Integer.MAX_VALUE);
            if (month < first) firstMonth.put(allKey, month);
            int last = lastMonth.getOrDefault(allKey, Integer.MIN_VALUE);
            if (month > last) lastMonth.put(allKey, month);
        }
    }

    /** The store key of a block: the origin region's code and the month, e.g. {@code 310118|2017-03}. */
    public String blockKey(int origin, int month) {
        return regions.code(origin) + "|" + Months.yearMonth(month);
    }

    /**
     * The stored form of {@code origin}'s own cells in {@code month}: version, the publication cycle it is written in,
     * the earliest input time of its unpublished changes, then (indicator ordinal, day of month, value) for each
     * cell; null when the block holds nothing (the store then deletes it). With the cycle, a restart knows which
     * blocks hold changes the last publication did not include.
     */
    public byte[] block(int origin, int month, int cycle, long unpublishedSince) {
        com.carrotsearch.hppc.IntLongHashMap cells = own.get(key(origin, 0, month));
        if (cells == null || cells.isEmpty()) return null;
        ByteBuffer out = ByteBuffer.allocate(1 + 4 + 8 + cells.size() * 10);
        out.put(BLOCK_VERSION);
        out.putInt(cycle);
        out.putLong(unpublishedSince);
        for (com.carrotsearch.hppc.cursors.IntLongCursor c : cells) {
            out.put((byte) (c.key >>> 5));
            out.put((byte) (c.key & 31));
            out.putLong(c.value);
        }
        return out.array();
    }

    /** Adds a stored block (see {@link #block}) back, with its roll-up. */
    public StoredBlock load(String blockKey, byte[] value) {
        int bar = blockKey.indexOf('|');
        int origin = regions.indexOf(blockKey.substring(0, bar));
        int first = (int) java.time.YearMonth.parse(blockKey.substring(bar + 1)).atDay(1).toEpochDay();
        ByteBuffer in = ByteBuffer.wrap(value);
        byte version = in.get();
        if (version != BLOCK_VERSION) throw new IllegalStateException("unknown totals block format version " + version + " in " + blockKey);
        int cycle = in.getInt();
        long unpublishedSince = in.getLong();
        long indicators = 0;
        while (in.hasRemaining()) {
            int indicator = in.get();
            int day = first + in.get();
            apply(origin, indicator, day, in.getLong());
            indicators |= 1L << indicator;
        }
        return new StoredBlock(origin, Months.ofEpochDay(first), cycle, unpublishedSince, indicators);
    }

    @Override
    public long day(int region, int indicator, int epochDay) {
        return days.getOrDefault(key(region, indicator, epochDay), 0);
    }

    @Override
    public long month(int region, int indicator, int month) {
        return months.getOrDefault(key(region, indicator, month), 0);
    }

    @Override
    public long all(int region, int indicator) {
        return all.getOrDefault(key(region, indicator, 0), 0);
    }

    @Override
    public int firstMonth(int region, int indicator) {
        return firstMonth.getOrDefault(key(region, indicator, 0), NO_MONTH);
    }

    @Override
    public int lastMonth(int region, int indicator) {
        return lastMonth.getOrDefault(key(region, indicator, 0), NO_MONTH);
    }

    @Override
    public boolean hasMonth(int region, int indicator, int month) {
        return months.containsKey(key(region, indicator, month));
    }

    /** Calls {@code action} with (region, indicator) of every day cell dated {@code from..to} (epoch days). */
    public void forEachDayCellBetween(int from, int to, java.util.function.BiConsumer<Integer, Integer> action) {
        for (com.carrotsearch.hppc.cursors.LongLongCursor c : days) {
            int d = (int) c.key;
            if (d >= from && d <= to) action.accept((int) (c.key >>> 38), (int) ((c.key >>> 32) & 0x3F));
        }
    }

    /** Number of day cells: for the bench's heap figures and tests. */
    public int dayCells() {
        return days.size();
    }
}
