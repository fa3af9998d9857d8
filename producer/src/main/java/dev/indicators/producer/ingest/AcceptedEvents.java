package dev.indicators.producer.ingest;

import dev.indicators.producer.publish.PublishResult;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where each event accepted by ingest was stored (topic, partition, offset), for the receipt a sender can ask for
 * later. Bounded: the last {@code capacity} accepted eventIds are kept, the oldest forgotten first; an eventId sent
 * again is remembered at its latest place. Kept in memory only, so a restart forgets.
 */
public final class AcceptedEvents {

    private final int capacity;
    private final Map<String, PublishResult> byEventId;

    public AcceptedEvents(int capacity) {
        this.capacity = capacity;
        this.byEventId = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PublishResult> eldest) {
                return size() > AcceptedEvents.this.capacity;
            }
        };
    }

    public synchronized void remember(PublishResult result) {
        byEventId.remove(result.eventId());
        byEventId.put(result.eventId(), result);
    }

    public synchronized Optional<PublishResult> find(String eventId) {
        return Optional.ofNullable(byEventId.get(eventId));
    }

    public int capacity() {
        return capacity;
    }
}
