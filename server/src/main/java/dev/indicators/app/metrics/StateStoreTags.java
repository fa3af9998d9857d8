package dev.indicators.app.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;

import java.util.ArrayList;
import java.util.List;

/**
 * Kafka Streams tags a state store's metrics by the store's kind ({@code rocksdb-state-id}, {@code in-memory-state-id},
 * {@code rocksdb-window-state-id}, ...), so one metric name comes with several sets of tag keys. Prometheus wants one
 * set per name and refused every store kind after the first (with a WARN at start). One key, {@code state.id}, plus
 * the kind as {@code store.type}, keeps every store's metrics.
 */
final class StateStoreTags implements MeterFilter {

    private static final String STATE_ID = "state.id";

    @Override
    public Meter.Id map(Meter.Id id) {
        if (!id.getName().startsWith("kafka.stream.state")) return id;
        List<Tag> tags = new ArrayList<>();
        boolean renamed = false;
        for (Tag tag : id.getTagsAsIterable()) {
            String key = tag.getKey();
            if (key.endsWith(STATE_ID) && key.length() > STATE_ID.length()) {
                tags.add(Tag.of(STATE_ID, tag.getValue()));
                tags.add(Tag.of("store.type", key.substring(0, key.length() - STATE_ID.length() - 1)));
                renamed = true;
            } else {
                tags.add(tag);
            }
        }
        return renamed ? id.replaceTags(tags) : id;
    }
}
