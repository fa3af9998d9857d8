package dev.indicators.app.receipt;

import dev.indicators.contract.EventType;
import dev.indicators.contract.Topics;
import dev.indicators.contract.config.KafkaConnection;
import dev.indicators.streams.codec.EventCodec;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Reads the event stored at one place of an input topic, to check that a receipt asked by place (the import's
 * receipts file, the library's {@code PublishResult}) names the event that is really there.
 */
public final class StoredEvents implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(3);

    private final Topics topics;
    private final EventCodec codec;
    private final KafkaConsumer<byte[], byte[]> consumer;

    public StoredEvents(KafkaConnection connection, Topics topics, EventCodec codec) {
        this.topics = topics;
        this.codec = codec;
        Properties p = new Properties();
        connection.applyTo(p);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "indicators-receipts-reader");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The event type whose input topic this is, if it is one. */
    public Optional<EventType> typeOf(String topic) {
        for (EventType type : EventType.values()) if (topics.inputFor(type).equals(topic)) return Optional.of(type);
        return Optional.empty();
    }

    /** The eventId of the event stored at that place; empty when there is no record there (yet, or any more). */
    public synchronized Optional<String> eventIdAt(EventType type, String topic, int partition, long offset) {
        TopicPartition tp = new TopicPartition(topic, partition);
        consumer.assign(List.of(tp));
        consumer.seek(tp, offset);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.offset() != offset) return Optional.empty(); // compacted or deleted: the next record came instead
                SpecificRecord event = codec.decode(type, topic, r.headers(), r.value());
                return Optional.of(String.valueOf(event.get(event.getSchema().getField("eventId").pos())));
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
