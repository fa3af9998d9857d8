package dev.indicators.producer;

import dev.indicators.contract.EventType;
import dev.indicators.contract.Topics;
import dev.indicators.contract.validation.EventJson;
import dev.indicators.contract.validation.EventRules;
import dev.indicators.producer.publish.EventPublisher;
import dev.indicators.producer.publish.PublishException;
import dev.indicators.producer.publish.PublishResult;
import org.apache.avro.specific.SpecificRecord;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A publisher without Kafka: validates like the real one, records what it was given, answers as told. */
public final class RecordingPublisher implements EventPublisher {

    /** How to answer one event: a result, a failure, or never (null future = complete normally). */
    public interface Behaviour extends Function<SpecificRecord, CompletableFuture<PublishResult>> {
    }

    public final List<SpecificRecord> published = new CopyOnWriteArrayList<>();
    private final EventRules rules = Fixtures.rules();
    private final Topics topics = Topics.defaults();
    private Behaviour behaviour = e -> null;
    public volatile boolean closed;

    public RecordingPublisher answering(Behaviour b) {
        this.behaviour = b;
        return this;
    }

    /** Sends hang forever (Kafka never acknowledges). */
    public RecordingPublisher hanging() {
        return answering(e -> new CompletableFuture<>());
    }

    /** Fails every event whose id contains {@code marker} with a Kafka timeout (unavailable). */
    public RecordingPublisher timingOut(String marker) {
        return answering(e -> id(e).contains(marker)
                ? CompletableFuture.failedFuture(new PublishException(id(e), new org.apache.kafka.common.errors.TimeoutException("Expiring 1 record(s): 120000 ms has passed")))
                : null);
    }

    public static String id(SpecificRecord e) {
        return String.valueOf(e.get(e.getSchema().getField("eventId").pos()));
    }

    @Override
    public CompletableFuture<PublishResult> publish(SpecificRecord event) {
        rules.require(event);
        CompletableFuture<PublishResult> answer = behaviour.apply(event);
        if (answer != null) return answer;
        published.add(event);
        EventType type = EventJson.typeOf(event);
        return CompletableFuture.completedFuture(new PublishResult(id(event), type, EventJson.caseKey(event),
                topics.inputFor(type), 0, published.size() - 1));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        closed = true;
    }
}
