package dev.indicators.producer.publish;

import dev.indicators.contract.validation.InvalidEventException;
import dev.indicators.contract.validation.ParsedEvent;
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

    /**
     * Sends an event that {@link dev.indicators.contract.validation.EventJson} has already read and validated with this
     * publisher's rules, so that the ingest path validates each event once. The default validates again.
     *
     * @throws InvalidEventException when the parsed event is not valid (nothing is sent)
     */
    default CompletableFuture<PublishResult> publishParsed(ParsedEvent parsed) {
        if (!parsed.valid()) throw new InvalidEventException(parsed.errors());
        return publish(parsed.event());
    }

    /**
     * As {@link #publishParsed(ParsedEvent)}, stamped {@code published-by: publishedBy} (the HTTP ingest's authenticated
     * department) instead of this publisher's own principal.
     */
    default CompletableFuture<PublishResult> publishParsed(ParsedEvent parsed, String publishedBy) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot stamp a published-by principal");
    }

    /** Sends whatever is buffered and waits for it. */
    void flush();

    @Override
    void close();
}
