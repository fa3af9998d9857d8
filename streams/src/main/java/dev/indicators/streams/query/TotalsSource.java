package dev.indicators.streams.query;

import dev.indicators.streams.aggregate.TotalsCells;

/**
 * Where {@link TotalsQuery} reads totals from: the cells of this instance's totals tasks (a running app's, or a
 * {@code TopologyTestDriver}'s).
 */
@FunctionalInterface
public interface TotalsSource {

    /** The cells readable now; throws {@link TotalsUnavailableException} when they cannot be read (not running). */
    TotalsCells cells();
}
