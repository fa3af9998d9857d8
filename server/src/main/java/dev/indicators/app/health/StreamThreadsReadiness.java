package dev.indicators.app.health;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;

import java.util.function.IntSupplier;

/**
 * The streams app is RUNNING with all its configured stream threads alive. A thread that died is replaced by the
 * app's uncaught-exception handler; until it is (or if it never is), readiness says how many are alive.
 */
public final class StreamThreadsReadiness implements ReadinessCheck {

    private final KafkaStreams streams;
    private final int configured;
    private final IntSupplier replaced;

    public StreamThreadsReadiness(KafkaStreams streams, int configuredThreads, IntSupplier replacedThreads) {
        this.streams = streams;
        this.configured = configuredThreads;
        this.replaced = replacedThreads;
    }

    @Override
    public String name() {
        return "streams";
    }

    @Override
    public Status check() {
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING) return Status.notReady("state " + state);
        long alive = streams.metadataForLocalThreads().stream().map(ThreadMetadata::threadState)
                .filter(s -> !s.equals("DEAD") && !s.equals("PENDING_SHUTDOWN")).count();
        int r = replaced.getAsInt();
        String detail = "state RUNNING, " + alive + " of " + configured + " stream threads alive"
                + (r > 0 ? " (" + r + " replaced after failing)" : "");
        return alive >= configured ? Status.ready(detail) : Status.notReady(detail);
    }
}
