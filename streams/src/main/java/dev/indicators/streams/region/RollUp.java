package dev.indicators.streams.region;

import dev.indicators.contract.region.Region;
import dev.indicators.contract.region.RegionCode;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.streams.cases.CaseCount;
import dev.indicators.streams.totals.Contribution;

import java.util.ArrayList;
import java.util.List;

/**
 * Region roll-up: a count in a region also counts for each ancestor up to the nation, following the region table
 * (a county's city and province, or the parent the table names: Qingpu 310118 → 310100 → 310000 → 000000).
 */
public final class RollUp {

    private final RegionTable regions;

    public RollUp(RegionTable regions) {
        this.regions = regions;
    }

    /** The contribution of {@code delta} for the count's region and for each of its ancestors. */
    public List<Contribution> expand(CaseCount count, int delta) {
        List<Region> lineage = regions.lineage(new RegionCode(count.regionCode()));
        List<Contribution> out = new ArrayList<>(lineage.size());
        for (Region r : lineage) {
            out.add(new Contribution(r.code().value(), count.indicator(), count.day(), delta));
        }
        return out;
    }
}
