package dev.indicators.streams.dedupe;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

import java.time.Instant;
import java.util.Optional;

/**
 * The eventIds seen within the de-duplication horizon, each with the fingerprint of its content and the time it was
 * first seen (the record timestamp). Kept in a changelogged window store whose retention is the horizon, so entries
 * older than the horizon (by stream time) expire by themselves, segment by segment.
 */
public final class EventIdLedger {

    /** What the ledger says about an event. */
    public sealed interface Verdict permits New, Duplicate, Conflict {
    }

    /** Not seen within the horizon. */
    public record New() implements Verdict {
    }

    /** Seen before with the same content. */
    public record Duplicate(Instant firstSeen) implements Verdict {
    }

    /** Seen before with different content. */
    public record Conflict(Instant firstSeen) implements Verdict {
    }

    private final WindowStore<String, byte[]> store;

    public EventIdLedger(WindowStore<String, byte[]> store) {
        this.store = store;
    }

    /** What the ledger knows of the eventId. */
    public Verdict check(String eventId, EventFingerprint fingerprint) {
        Optional<KeyValue<Long, byte[]>> seen = firstSeen(eventId);
        if (seen.isPresent()) {
            Instant at = Instant.ofEpochMilli(seen.get().key);
            return fingerprint.sameAs(seen.get().value) ? new Duplicate(at) : new Conflict(at);
        }
        return new New();
    }

    /** Records the eventId as first seen at {@code timestamp} (the record timestamp), once the event has been counted. */
    public void record(String eventId, EventFingerprint fingerprint, long timestamp) {
        store.put(eventId, fingerprint.bytes(), timestamp);
    }

    private Optional<KeyValue<Long, byte[]>> firstSeen(String eventId) {
        try (WindowStoreIterator<byte[]> it = store.fetch(eventId, 0L, Long.MAX_VALUE)) {
            return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
        }
    }
}
