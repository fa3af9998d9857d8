package dev.indicators.producer.publish;

import dev.indicators.contract.EventType;
import dev.indicators.contract.Settings;
import dev.indicators.contract.Topics;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.contract.validation.EventJson;
import dev.indicators.contract.validation.EventLimits;
import dev.indicators.contract.validation.EventRules;
import dev.indicators.contract.validation.FieldError;
import dev.indicators.contract.validation.InvalidEventException;
import dev.indicators.contract.validation.ParsedEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import dev.indicators.contract.access.KafkaClientSecurity;
import dev.indicators.contract.access.Provenance;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Java library way to publish indicator events: validate, serialise with the registry serializer, send with an
 * idempotent producer keyed by the case (caseId / certificateNo).
 *
 * <pre>{@code
 * try (IndicatorPublisher publisher = IndicatorPublisher.create(PublisherSettings.fromEnvironment(), meterRegistry)) {
 *     publisher.publish(event).thenAccept(r -> log.info("stored at {}-{}@{}", r.topic(), r.partition(), r.offset()));
 * }
 * }</pre>
 *
 * <b>Contract.</b> An invalid event is refused synchronously: {@link #publish} throws {@link InvalidEventException}
 * naming every bad field, and nothing is sent; this is a caller's error, like an {@code IllegalArgumentException}.
 * A valid event yields a future that completes with its {@link PublishResult} once Kafka acknowledged it
 * ({@code acks=all}), or exceptionally with a {@link PublishException} (Kafka or the registry unreachable, timeouts);
 * {@link PublishException#unavailable()} says whether retrying later makes sense. Re-sending an event with the same
 * eventId is harmless: the streams side counts it once.
 * <p>
 * {@link #publish} can block up to {@code max.block.ms} when Kafka's metadata is not known yet or the send buffer is
 * full (back-pressure). The futures complete on the producer's I/O thread: do not block in their callbacks.
 * <p>
 * Thread-safe: one instance is meant to be shared by all threads of a process. Closing flushes what was sent.
 * Meters (in the given registry, no global state): {@code indicators.events.published{type}},
 * {@code indicators.events.publish.failures{type,reason=invalid|send}}, and the producer's own metrics
 * ({@code kafka.producer.*}) through {@link KafkaClientMetrics}.
 */
public final class IndicatorPublisher implements EventPublisher {

    private final Producer<String, SpecificRecord> producer;
    private final Topics topics;
    private final EventRules rules;
    private final EventJson json;
    private final KafkaClientMetrics clientMetrics;
    private final Map<EventType, Counter> published = new EnumMap<>(EventType.class);
    private final Map<EventType, Counter> sendFailures = new EnumMap<>(EventType.class);
    private final Map<EventType, Counter> invalid = new EnumMap<>(EventType.class);
    private final Counter invalidUnknownType;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** This publisher's authenticated principal (its SASL user), stamped as {@code published-by}; empty: no header. */
    private final java.util.Optional<String> principal;

    /**
     * A publisher for the given producer, e.g. Kafka's {@code MockProducer} in tests. Most callers want {@link #create}.
     */
    public IndicatorPublisher(Producer<String, SpecificRecord> producer, Topics topics, EventRules rules, MeterRegistry meters) {
        this(producer, topics, rules, meters, java.util.Optional.empty());
    }

    /** @param principal the SASL user the producer authenticates as: every event is stamped {@code published-by} with it */
    public IndicatorPublisher(Producer<String, SpecificRecord> producer, Topics topics, EventRules rules, MeterRegistry meters,
                              java.util.Optional<String> principal) {
        this.principal = Objects.requireNonNull(principal, "principal");
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topics = Objects.requireNonNull(topics, "topics");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.json = new EventJson(rules);
        MeterRegistry m = meters == null ? new SimpleMeterRegistry() : meters;
        for (EventType t : EventType.values()) {
            published.put(t, Counter.builder("indicators.events.published").tag("type", t.jsonName())
                    .description("events acknowledged by Kafka").register(m));
            sendFailures.put(t, Counter.builder("indicators.events.publish.failures").tag("type", t.jsonName())
                    .tag("reason", "send").description("valid events Kafka or the registry did not take").register(m));
            invalid.put(t, Counter.builder("indicators.events.publish.failures").tag("type", t.jsonName())
                    .tag("reason", "invalid").description("events refused by validation").register(m));
        }
        invalidUnknownType = Counter.builder("indicators.events.publish.failures").tag("type", "unknown")
                .tag("reason", "invalid").register(m);
        KafkaClientMetrics km = null;
        if (meters != null) {
            km = new KafkaClientMetrics(producer);
            km.bindTo(meters);
        }
        this.clientMetrics = km;
    }

    /** A Kafka publisher with the project's producer configuration ({@link ProducerConfigs}). */
    public static IndicatorPublisher create(PublisherSettings settings, EventRules rules, MeterRegistry meters) {
        return new IndicatorPublisher(ProducerConfigs.createProducer(settings), settings.topics(), rules, meters,
                KafkaClientSecurity.principalOf(settings.extra().get("sasl.jaas.config")));
    }

    /** As above, validating against the region table named by INDICATORS_REGIONS_FILE (or the bundled one). */
    public static IndicatorPublisher create(PublisherSettings settings, MeterRegistry meters) {
        Settings env = Settings.system();
        return create(settings, new EventRules(RegionTable.fromSettings(env), EventLimits.fromSettings(env), Clock.systemUTC()), meters);
    }

    public EventRules rules() {
        return rules;
    }

    /** The JSON reader using this publisher's rules. */
    public EventJson json() {
        return json;
    }

    public Topics topics() {
        return topics;
    }

    @Override
    public CompletableFuture<PublishResult> publish(SpecificRecord event) {
        if (closed.get()) throw new IllegalStateException("publisher is closed");
        EventType type;
        try {
            type = EventJson.typeOf(event);
        } catch (IllegalArgumentException e) {
            invalidUnknownType.increment();
            throw new InvalidEventException(List.of(new FieldError("type",
                    event == null ? null : event.getClass().getName(), "not an indicator event")));
        }
        List<FieldError> errors = rules.check(event);
        if (!errors.isEmpty()) {
            invalid.get(type).increment();
            throw new InvalidEventException(errors);
        }
        return send(type, event, principal);
    }

    /** Sends an event {@link #json()} has validated with these rules, without checking the rules a second time. */
    @Override
    public CompletableFuture<PublishResult> publishParsed(ParsedEvent parsed) {
        if (closed.get()) throw new IllegalStateException("publisher is closed");
        if (!parsed.valid()) {
            parsed.type().map(invalid::get).orElse(invalidUnknownType).increment();
            throw new InvalidEventException(parsed.errors());
        }
        return send(parsed.type().orElseThrow(), parsed.event(), principal);
    }

    @Override
    public CompletableFuture<PublishResult> publishParsed(ParsedEvent parsed, String publishedBy) {
        if (closed.get()) throw new IllegalStateException("publisher is closed");
        if (!parsed.valid()) {
            parsed.type().map(invalid::get).orElse(invalidUnknownType).increment();
            throw new InvalidEventException(parsed.errors());
        }
        return send(parsed.type().orElseThrow(), parsed.event(), java.util.Optional.of(publishedBy));
    }

    /**
     * Reads one event in its JSON form (as import files and HTTP carry it) and publishes it.
     *
     * @throws InvalidEventException when the JSON is malformed or the event invalid
     */
    public CompletableFuture<PublishResult> publishJson(String eventJson) {
        ParsedEvent parsed = parseStrictly(eventJson);
        if (!parsed.valid()) {
            parsed.type().map(invalid::get).orElse(invalidUnknownType).increment();
            throw new InvalidEventException(parsed.errors());
        }
        return publish(parsed.event());
    }

    /** Like {@link EventJson#parse(String)}, but content after the JSON value (a second event, garbage) is an error, not ignored. */
    private ParsedEvent parseStrictly(String text) {
        if (text == null || text.isBlank()) return json.parse(text == null ? "" : text);
        try {
            return json.parse(STRICT.readTree(text));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return ParsedEvent.rejected(java.util.Optional.empty(), null,
                    List.of(new FieldError("(json)", null, "malformed JSON: " + e.getOriginalMessage())));
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper STRICT = new com.fasterxml.jackson.databind.ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private CompletableFuture<PublishResult> send(EventType type, SpecificRecord event, java.util.Optional<String> publishedBy) {
        String eventId = String.valueOf(event.get(event.getSchema().getField("eventId").pos()));
        String key = EventJson.caseKey(event);
        String topic = topics.inputFor(type);
        CompletableFuture<PublishResult> result = new CompletableFuture<>();
        try {
            ProducerRecord<String, SpecificRecord> record = new ProducerRecord<>(topic, key, event);
            // the one place provenance is stamped (library, import, simulate, ingest all send through here)
            publishedBy.ifPresent(p -> record.headers().add(Provenance.PUBLISHED_BY, p.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    sendFailures.get(type).increment();
                    result.completeExceptionally(new PublishException(eventId, error));
                } else {
                    published.get(type).increment();
                    result.complete(new PublishResult(eventId, type, key, metadata.topic(), metadata.partition(), metadata.offset()));
                }
            });
        } catch (RuntimeException e) {
            // Serialisation (registry unreachable, schema refused) and closed-producer errors are thrown by send().
            sendFailures.get(type).increment();
            result.completeExceptionally(new PublishException(eventId, e));
        }
        return result;
    }

    @Override
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    /** Sends what is buffered (waiting at most {@code timeout}), then releases the producer and its meters. */
    public void close(Duration timeout) {
        if (!closed.compareAndSet(false, true)) return;
        try {
            producer.close(timeout);
        } finally {
            if (clientMetrics != null) clientMetrics.close();
        }
    }
}
