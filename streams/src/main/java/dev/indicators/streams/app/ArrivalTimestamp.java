package dev.indicators.streams.app;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * The record's own timestamp (producer create time or log append time): its arrival. A record without a valid
 * timestamp is not dropped: it takes the partition's latest timestamp, or the wall clock for a partition's first record.
 */
public final class ArrivalTimestamp implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.timestamp() >= 0) return record.timestamp();
        return partitionTime >= 0 ? partitionTime : System.currentTimeMillis();
    }
}
