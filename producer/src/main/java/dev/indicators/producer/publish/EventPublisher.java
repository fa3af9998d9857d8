package dev.indicators.producer.publish;

import dev.indicators.contract.validation.InvalidEventException;
import org.apache.avro.specific.SpecificRecord;

import java.util.concurrent.CompletableFuture;

/**
 * Publishes validated indicator events. {@link IndicatorPublisher} is the Kafka implementation; the import and the
 * HTTP ingest depend only on this interface.
 */
public interface EventPublisher extends AutoCloseable {

    /**
     * Validates and sends one event.
     *
     * @throws InvalidEventException synchronously when the event breaks the contract (nothing is sent)
     * @return a future completing with where the event was stored, or exceptionally with a {@link PublishException}
     */
    CompletableFuture<PublishResult> publish(SpecificRecord event);

    /** Sends whatever is buffered and waits for it. */
    void flush();

    @Override
    void close();
}
