package dev.indicators.streams.region;

import dev.indicators.contract.region.Region;
import dev.indicators.contract.region.RegionCode;
import dev.indicators.contract.region.RegionTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The regions as small integers, for totals kept in primitive maps: each region code of the table gets an index, with
 * its level and its lineage (itself, then each ancestor up to the nation: Qingpu 310118 → 310100 → 310000 → 000000).
 * A code outside the table has none ({@link RegionTable#lineage} refuses it). Indexes live only in memory; whatever is
 * stored or sent names regions by code. Shared by the stream threads and the query API, so it is thread-safe.
 */
public final class RegionIndex {

    /** The nation's code; the root of every lineage. */
    public static final String NATION = RegionCode.NATION.value();

    private final RegionTable regions;
    private final Map<String, Integer> indexByCode = new ConcurrentHashMap<>();
    private volatile String[] codes = new String[0];
    private volatile String[] levels = new String[0];
    private volatile int[][] lineages = new int[0][];

    public RegionIndex(RegionTable regions) {
        this.regions = regions;
        for (Region r : regions.all()) indexOf(r.code().value());
    }

    /** The index of {@code code}; throws {@link IllegalArgumentException} for a code outside the table. */
    public int indexOf(String code) {
        Integer known = indexByCode.get(code);
        return known != null ? known : assign(code);
    }

    private synchronized int assign(String code) {
        Integer known = indexByCode.get(code);
        if (known != null) return known;
        // the table's lineage: the region itself first (so never empty); a code outside the table is refused here
        List<Region> lineage = regions.lineage(new RegionCode(code));
        int[] path = new int[lineage.size()];
        // ancestors first, so that their indexes exist when the lineage is written down
        for (int i = 1; i < lineage.size(); i++) path[i] = indexOf(lineage.get(i).code().value());
        int self = codes.length;
        path[0] = self;
        String level = lineage.get(0).level().label();
        String[] c = java.util.Arrays.copyOf(codes, self + 1);
        String[] l = java.util.Arrays.copyOf(levels, self + 1);
        int[][] p = java.util.Arrays.copyOf(lineages, self + 1);
        c[self] = code;
        l[self] = level;
        p[self] = path;
        lineages = p;
        levels = l;
        codes = c;
        indexByCode.put(code, self);
        return self;
    }

    public String code(int index) {
        return codes[index];
    }

    public String level(int index) {
        return levels[index];
    }

    /** The region itself, then each ancestor up to the nation. */
    public int[] lineage(int index) {
        return lineages[index];
    }

    public boolean isNation(int index) {
        return NATION.equals(codes[index]);
    }

    /**
     * The key by which the totals of a region's counts are partitioned: the top of its lineage below the nation (its
     * province), so that a province and every region under it live in one task. The nation's own key is
     * {@link #NATION}.
     */
    public String routingKey(String code) {
        int[] path = lineage(indexOf(code));
        for (int i = path.length - 1; i >= 0; i--) {
            if (!isNation(path[i])) return codes[path[i]];
        }
        return NATION;
    }

    public List<String> codes() {
        return new ArrayList<>(List.of(codes));
    }
}
