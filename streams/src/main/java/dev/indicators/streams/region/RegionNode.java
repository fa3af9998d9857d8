package dev.indicators.streams.region;

import dev.indicators.contract.region.Region;
import dev.indicators.contract.region.RegionTable;

import java.util.Comparator;
import java.util.List;

/** A region with its children, as the region tree of the query API: the nation at the root. */
public record RegionNode(String code, String nameZh, String nameEn, String level, List<RegionNode> children) {

    public static RegionNode of(RegionTable regions, Region region) {
        List<RegionNode> kids = regions.children(region.code()).stream()
                .sorted(Comparator.comparing(r -> r.code().value()))
                .map(r -> of(regions, r))
                .toList();
        return new RegionNode(region.code().value(), region.nameZh(), region.nameEn(), region.level().label(), kids);
    }
}
