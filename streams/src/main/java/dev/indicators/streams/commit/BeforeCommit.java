package dev.indicators.streams.commit;

import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * Runs an action of a processor before the next commit of its task, once, however often it was asked for since.
 *
 * <p>Kafka Streams flushes every store's record cache before it commits (and on a clean close, and earlier when a
 * cache is full): a KTable forwards its coalesced changes from that flush, so they are in the transaction of the
 * commit. This class uses the same hook on a one-entry store: {@link #arm()} writes the entry, which makes it dirty,
 * and the flush of that entry runs the action as if the processor were processing, so the action may forward. Whatever
 * the action forwards is therefore committed with the state changes it reflects, never without them. Kafka Streams has
 * no public hook for this ({@code CachedStateStore#setFlushListener} is the DSL's); this is the one class that uses it.
 */
public final class BeforeCommit {

    private static final String ENTRY = "due";

    private final KeyValueStore<String, Long> signal;
    private boolean armed;
    private long arms;

    private BeforeCommit(KeyValueStore<String, Long> signal) {
        this.signal = signal;
    }

    /**
     * Attaches {@code action} to the flushes of {@code signal}, a cached store the processor owns. Call from
     * {@code Processor#init}.
     *
     * @throws IllegalStateException when the store has no cache ({@code withCachingEnabled()} is required)
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static BeforeCommit attach(ProcessorContext<?, ?> context, KeyValueStore<String, Long> signal, Runnable action) {
        if (!(context instanceof InternalProcessorContext<?, ?> internal) || !(signal instanceof CachedStateStore<?, ?> cached)) {
            throw new IllegalStateException("store " + signal.name() + " cannot signal commits in this runtime");
        }
        BeforeCommit beforeCommit = new BeforeCommit(signal);
        ProcessorNode owner = internal.currentNode();
        boolean attached = ((CachedStateStore<String, Long>) cached).setFlushListener(record -> {
            beforeCommit.armed = false;
            ProcessorNode previous = internal.currentNode();
            internal.setCurrentNode(owner);
            try {
                action.run();
            } finally {
                internal.setCurrentNode(previous);
            }
        }, false);
        if (!attached) {
            throw new IllegalStateException("store " + signal.name() + " has no cache: build it withCachingEnabled()");
        }
        return beforeCommit;
    }

    /** The action will run before the next commit (or sooner, should the cache flush sooner, even during this call). */
    public void arm() {
        if (armed) return;
        armed = true;
        signal.put(ENTRY, ++arms);
    }
}
