package dev.indicators.app.lag;

import java.time.Instant;
import java.util.List;

/** One sample of a consumer group's lag over all the partitions it consumes. */
public record GroupLag(String group, Instant sampledAt, List<PartitionLag> partitions) {

    public long sumLag() {
        return partitions.stream().mapToLong(PartitionLag::offsetLag).sum();
    }

    public long maxLag() {
        return partitions.stream().mapToLong(PartitionLag::offsetLag).max().orElse(0);
    }

    public double maxLagSeconds() {
        return partitions.stream().mapToDouble(PartitionLag::secondsLag).max().orElse(0);
    }
}
