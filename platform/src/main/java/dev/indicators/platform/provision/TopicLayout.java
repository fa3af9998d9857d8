package dev.indicators.platform.provision;

import dev.indicators.contract.Topics;

/**
 * How the pipeline's topics are created.
 *
 * @param topics            their names
 * @param partitions        partitions of the input and dead-letter topics (parallelism of the streams app)
 * @param totalsPartitions  partitions of the compacted totals topic
 * @param retentionMs       retention of the input and dead-letter topics; -1 keeps them forever. Records carry their
 *                          {@code occurredAt} as timestamp (cases from 2017), so any finite retention would delete
 *                          them right away, and re-processing needs the whole history.
 */
public record TopicLayout(Topics topics, int partitions, int totalsPartitions, long retentionMs) {

    public TopicLayout {
        if (partitions < 1 || totalsPartitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1");
        }
    }

    public static TopicLayout of(Topics topics, int partitions) {
        return new TopicLayout(topics, partitions, partitions, -1);
    }
}
