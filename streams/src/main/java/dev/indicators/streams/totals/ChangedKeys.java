package dev.indicators.streams.totals;

import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.CachedStateStore;

import java.util.function.ObjLongConsumer;

/**
 * Delivers each key of a cached key-value store whose value changed, once per cache flush instead of once per write.
 *
 * <p>This is how a KTable coalesces its output, applied to a processor's own store: Kafka Streams flushes a store's
 * cache before every commit (and on eviction when the cache is full, and on a clean close), so whatever the callback
 * forwards is in the same transaction as the store's changelog: nothing is published for a change that was not
 * committed, and no committed change goes unpublished. Kafka Streams offers no public hook for it, so this class
 * uses the one the DSL's KTables use ({@code CachedStateStore#setFlushListener}); it is the only place that does.
 */
final class ChangedKeys {

    private ChangedKeys() {
    }

    /**
     * Calls {@code onChanged(key, timestamp)} for every changed key at each flush of {@code store}'s cache, as if the
     * processor that owns {@code context} were processing (so it may forward). {@code timestamp} is the record
     * timestamp of the last write to the key. Call from {@code Processor#init}.
     *
     * @throws IllegalStateException when the store has no cache ({@code withCachingEnabled()} is required)
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <K, V> void onFlush(ProcessorContext<?, ?> context, KeyValueStore<K, V> store, ObjLongConsumer<K> onChanged) {
        if (!(context instanceof InternalProcessorContext<?, ?> internal) || !(store instanceof CachedStateStore<?, ?> cached)) {
            throw new IllegalStateException("store " + store.name() + " cannot report flushed changes in this runtime");
        }
        ProcessorNode owner = internal.currentNode();
        boolean attached = ((CachedStateStore<K, V>) cached).setFlushListener(record -> {
            ProcessorNode previous = internal.currentNode();
            internal.setCurrentNode(owner);
            try {
                onChanged.accept(record.key(), record.timestamp());
            } finally {
                internal.setCurrentNode(previous);
            }
        }, false);
        if (!attached) {
            throw new IllegalStateException("store " + store.name() + " has no cache: build it withCachingEnabled()");
        }
    }
}
