package dev.indicators.app.live;

import dev.indicators.contract.region.RegionCode;
import dev.indicators.contract.region.RegionTable;

/**
 * Which changed totals a subscriber wants: one region (or, with descendants, the region and every region below it
 * in the region table), optionally one indicator and one period (canonical text, e.g. {@code year:2017}).
 */
public record SubscriptionFilter(String region, String indicator, String period, boolean descendants) {

    public boolean accepts(TotalChange change, RegionTable regions) {
        if (indicator != null && !indicator.equals(change.indicator())) return false;
        if (period != null && !period.equals(change.period())) return false;
        if (region.equals(change.region())) return true;
        if (!descendants || !regions.contains(change.region())) return false;
        return regions.lineage(new RegionCode(change.region())).stream().anyMatch(r -> r.code().value().equals(region));
    }
}
