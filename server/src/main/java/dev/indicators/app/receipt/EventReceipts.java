package dev.indicators.app.receipt;

import dev.indicators.contract.config.KafkaConnection;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.indicators.producer.ingest.AcceptedEvents;
import dev.indicators.producer.publish.PublishResult;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * What became of an event that ingest accepted: {@code pending} (the streams app has not committed past it yet),
 * {@code counted} (it has, and the record is not in the dead-letter topic) or {@code rejected} (dead-lettered, with
 * the reason, e.g. an eventId re-used with other content). Knows the events this process's ingest accepted
 * ({@link AcceptedEvents}: the last {@code INDICATORS_INGEST_RECEIPTS}, since the process started); any other event
 * (imported, or sent with the library) is asked by the place Kafka stored it at.
 */
public final class EventReceipts implements AutoCloseable {

    /** The answer of {@code GET /api/v1/events/{eventId}}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"eventId", "status", "reason", "topic", "partition", "offset"})
    public record Receipt(String eventId, String status, String reason, String topic, int partition, long offset) {
    }

    private static final Duration WAIT = Duration.ofSeconds(3);

    private final AcceptedEvents accepted;
    private final DeadLetterIndex deadLetters;
    private final StoredEvents stored;
    private final String applicationId;
    private final Admin admin;

    public EventReceipts(AcceptedEvents accepted, DeadLetterIndex deadLetters, StoredEvents stored, KafkaConnection connection,
                         String applicationId) {
        this.accepted = accepted;
        this.deadLetters = deadLetters;
        this.stored = stored;
        this.applicationId = applicationId;
        Properties p = new Properties();
        connection.applyTo(p);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "indicators-receipts");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        this.admin = Admin.create(p);
    }

    /** How many accepted eventIds are remembered. */
    public int retention() {
        return accepted.capacity();
    }

    /** The receipt of an eventId this process accepted, or empty when it did not (or has forgotten it). */
    public Optional<Receipt> find(String eventId) throws InterruptedException {
        Optional<PublishResult> placed = accepted.find(eventId);
        if (placed.isEmpty()) return Optional.empty();
        return Optional.of(status(eventId, placed.get()));
    }

    /**
     * The receipt of an event stored at a known place, whoever published it (the import's {@code --receipts} file,
     * the library's {@code PublishResult}), after checking that the event there has this eventId.
     *
     * @throws IllegalArgumentException when the place is not an input topic or holds another event (the message says which)
     * @throws java.util.NoSuchElementException when there is no record at that place, or its dead letter would no longer be known
     */
    public Receipt find(String eventId, String topic, int partition, long offset) throws InterruptedException {
        var type = stored.typeOf(topic).orElseThrow(() -> new IllegalArgumentException("topic '" + topic
                + "' is not an input topic of this pipeline"));
        if (partition < 0 || offset < 0) throw new IllegalArgumentException("partition and offset must not be negative");
        String there = stored.eventIdAt(type, topic, partition, offset).orElseThrow(() -> new java.util.NoSuchElementException(
                "there is no record at " + topic + " partition " + partition + " offset " + offset));
        if (!there.equals(eventId)) {
            throw new IllegalArgumentException("the record at " + topic + " partition " + partition + " offset " + offset
                    + " is event '" + there + "', not '" + eventId + "'");
        }
        if (!deadLetters.remembers(topic, partition, offset)) {
            throw new java.util.NoSuchElementException("eventId '" + eventId + "' is too old to tell: the receipts keep the last "
                    + retention() + " dead letters, and older ones of " + topic + " partition " + partition + " were forgotten");
        }
        return status(eventId, new PublishResult(eventId, type, null, topic, partition, offset));
    }

    private Receipt status(String eventId, PublishResult r) throws InterruptedException {
        Optional<DeadLetterIndex.Rejection> rejected = deadLetters.find(r.topic(), r.partition(), r.offset());
        if (rejected.isPresent()) return rejected(eventId, r, rejected.get());
        Instant asked = Instant.now();
        long committed = committedOffset(new TopicPartition(r.topic(), r.partition()));
        if (committed <= r.offset()) {
            return new Receipt(eventId, "pending", committed < 0
                    ? "not processed yet: the streams app has committed nothing on this partition"
                    : "not processed yet: the streams app has committed up to offset " + committed + " of this partition",
                    r.topic(), r.partition(), r.offset());
        }
        // Processed: its dead letter, if any, was committed in the same transaction; read up to now before saying "counted".
        if (!deadLetters.awaitCaughtUpSince(asked, WAIT)) {
            return new Receipt(eventId, "pending", "processed; the dead-letter topic is still being read, ask again shortly",
                    r.topic(), r.partition(), r.offset());
        }
        rejected = deadLetters.find(r.topic(), r.partition(), r.offset());
        return rejected.isPresent() ? rejected(eventId, r, rejected.get())
                : new Receipt(eventId, "counted", null, r.topic(), r.partition(), r.offset());
    }

    private static Receipt rejected(String eventId, PublishResult r, DeadLetterIndex.Rejection why) {
        String reason = why.reason() + (why.detail() == null || why.detail().isBlank() ? "" : ": " + why.detail());
        return new Receipt(eventId, "rejected", reason, r.topic(), r.partition(), r.offset());
    }

    private long committedOffset(TopicPartition tp) throws InterruptedException {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            OffsetAndMetadata o = offsets.get(tp);
            return o == null ? -1 : o.offset();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot read the streams app's committed offsets: " + e.getCause(), e);
        }
    }

    @Override
    public void close() {
        stored.close();
        admin.close(Duration.ofSeconds(2));
    }
}
