package dev.indicators.bench;

import dev.indicators.testkit.recount.EventTape;
import dev.indicators.producer.publish.EventPublisher;
import org.apache.avro.specific.SpecificRecord;

import java.util.Iterator;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Phase 1: generate the events with the simulator and publish them through the project's publisher (validation,
 * Avro with the registry serializer, the one producer configuration), as fast as the producer takes them. The
 * figure covers generation, validation, serialisation and the round trips to the broker ({@code acks=all}): what an
 * agency's bulk upload would see. Each event is also written to the {@link EventTape} for the recount.
 */
final class PublishPhase {

    /** Events sent but not acknowledged yet, at most: keeps memory flat while the producer batches freely. */
    static final int MAX_IN_FLIGHT = 50_000;

    private PublishPhase() {
    }

    static Throughput run(EventPublisher publisher, Iterator<SpecificRecord> events, long n, EventTape tape, Progress progress) {
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Progress.Ticker ticker = progress.ticker("publish", n);
        long started = System.nanoTime();
        long sent = 0;
        while (events.hasNext() && failure.get() == null) {
            SpecificRecord event = events.next();
            if (tape != null) tape.record(event);
            inFlight.acquireUninterruptibly();
            publisher.publish(event).whenComplete((r, e) -> {
                if (e == null) acknowledged.incrementAndGet();
                else failure.compareAndSet(null, e);
                inFlight.release();
            });
            sent++;
            ticker.update(acknowledged.get());
        }
        publisher.flush();
        inFlight.acquireUninterruptibly(MAX_IN_FLIGHT);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (failure.get() != null) {
            throw new BenchFailure("publishing failed after " + acknowledged.get() + " events: " + failure.get().getMessage(), failure.get());
        }
        if (acknowledged.get() != n || sent != n) {
            throw new BenchFailure("published " + acknowledged.get() + " events of " + n);
        }
        progress.line("publish: %,d events in %.1f s, %,.0f events/s", n, seconds, n / seconds);
        return Throughput.of(n, seconds, null);
    }
}
