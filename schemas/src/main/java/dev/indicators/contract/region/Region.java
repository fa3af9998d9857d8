package dev.indicators.contract.region;

import java.util.Optional;

/** One row of the region table; {@code parent} is empty only for the nation. */
public record Region(RegionCode code, String nameZh, String nameEn, RegionLevel level, Optional<RegionCode> parent) {
}
