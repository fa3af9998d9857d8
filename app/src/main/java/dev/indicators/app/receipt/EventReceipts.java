package dev.indicators.app.receipt;

import dev.indicators.contract.access.KafkaClientSecurity;
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
 * ({@link AcceptedEvents}: the last {@code INDICATORS_INGEST_RECEIPTS}, since the process started).
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
    private final String applicationId;
    private final Admin admin;

    public EventReceipts(AcceptedEvents accepted, DeadLetterIndex deadLetters, String bootstrapServers, String applicationId) {
        this(accepted, deadLetters, bootstrapServers, applicationId, KafkaClientSecurity.none());
    }

    public EventReceipts(AcceptedEvents accepted, DeadLetterIndex deadLetters, String bootstrapServers, String applicationId,
                         KafkaClientSecurity security) {
        this.accepted = accepted;
        this.deadLetters = deadLetters;
        this.applicationId = applicationId;
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "indicators-receipts");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        security.applyTo(p);
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
        PublishResult r = placed.get();
        Optional<DeadLetterIndex.Rejection> rejected = deadLetters.find(r.topic(), r.partition(), r.offset());
        if (rejected.isPresent()) return Optional.of(rejected(eventId, r, rejected.get()));
        Instant asked = Instant.now();
        long committed = committedOffset(new TopicPartition(r.topic(), r.partition()));
        if (committed <= r.offset()) {
            return Optional.of(new Receipt(eventId, "pending", committed < 0
                    ? "not processed yet: the streams app has committed nothing on this partition"
                    : "not processed yet: the streams app has committed up to offset " + committed + " of this partition",
                    r.topic(), r.partition(), r.offset()));
        }
        // Processed: its dead letter, if any, was committed in the same transaction; read up to now before saying "counted".
        if (!deadLetters.awaitCaughtUpSince(asked, WAIT)) {
            return Optional.of(new Receipt(eventId, "pending", "processed; the dead-letter topic is still being read, ask again shortly",
                    r.topic(), r.partition(), r.offset()));
        }
        rejected = deadLetters.find(r.topic(), r.partition(), r.offset());
        return Optional.of(rejected.isPresent() ? rejected(eventId, r, rejected.get())
                : new Receipt(eventId, "counted", null, r.topic(), r.partition(), r.offset()));
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
        admin.close(Duration.ofSeconds(2));
    }
}
