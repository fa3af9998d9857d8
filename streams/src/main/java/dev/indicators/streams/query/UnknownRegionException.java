package dev.indicators.streams.query;

import dev.indicators.streams.totals.InvalidTotalsRequestException;

/** A region code that is not in the region table. */
public class UnknownRegionException extends InvalidTotalsRequestException {
    private final String region;

    public UnknownRegionException(String region) {
        super("unknown region '" + region + "': not a six-digit GB/T 2260 code of the region table");
        this.region = region;
    }

    public String region() {
        return region;
    }
}
