package dev.indicators.app.receipt;

import dev.indicators.contract.access.KafkaClientSecurity;
import dev.indicators.streams.deadletter.DeadLetter;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Reads the dead-letter topic (committed records only) from its beginning and indexes each rejection by the place of
 * the refused record: source topic, partition and offset, with the reason and detail the streams app gave. Bounded:
 * the last {@code capacity} rejections are kept. Also knows when it last had read everything committed, so a receipt
 * can tell "not dead-lettered" from "not read yet".
 */
public final class DeadLetterIndex implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterIndex.class);

    /** Why the streams app refused a record. */
    public record Rejection(String reason, String detail) {
    }

    private final String topic;
    private final int capacity;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final Map<String, Rejection> rejections;
    private volatile Instant caughtUpAsOf = Instant.EPOCH;
    private volatile boolean running = true;

    public DeadLetterIndex(String bootstrapServers, String deadLetterTopic, int capacity) {
        this(bootstrapServers, deadLetterTopic, capacity, KafkaClientSecurity.none());
    }

    public DeadLetterIndex(String bootstrapServers, String deadLetterTopic, int capacity, KafkaClientSecurity security) {
        this.topic = deadLetterTopic;
        this.capacity = capacity;
        this.rejections = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Rejection> eldest) {
                return size() > DeadLetterIndex.this.capacity;
            }
        };
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "indicators-dead-letter-index");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        security.applyTo(p);
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "dead-letter-index");
        this.thread.setDaemon(true);
    }

    public DeadLetterIndex start() {
        thread.start();
        return this;
    }

    public synchronized Optional<Rejection> find(String sourceTopic, int partition, long offset) {
        return Optional.ofNullable(rejections.get(key(sourceTopic, partition, offset)));
    }

    /** Whether the index had read every committed dead letter that existed at some moment after {@code t}. */
    public boolean caughtUpSince(Instant t) {
        return !caughtUpAsOf.isBefore(t);
    }

    /** Waits (up to {@code max}) until {@link #caughtUpSince(Instant)} holds. */
    public boolean awaitCaughtUpSince(Instant t, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!caughtUpSince(t)) {
            if (System.nanoTime() > deadline) return false;
            Thread.sleep(20);
        }
        return true;
    }

    public boolean isAlive() {
        return thread.isAlive();
    }

    private void run() {
        try {
            while (running) {
                List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
                if (partitions == null || partitions.isEmpty()) {
                    caughtUpAsOf = Instant.now(); // no dead-letter topic yet: nothing was dead-lettered
                    Thread.sleep(1000);
                    continue;
                }
                List<TopicPartition> tps = partitions.stream().map(pi -> new TopicPartition(topic, pi.partition())).toList();
                consumer.assign(tps);
                consumer.seekToBeginning(tps);
                while (running) {
                    Instant asOf = Instant.now();
                    Map<TopicPartition, Long> end = consumer.endOffsets(tps, Duration.ofSeconds(5));
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) index(r);
                    boolean caughtUp = end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
                    if (caughtUp) caughtUpAsOf = asOf;
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // closing
        } catch (RuntimeException e) {
            log.warn("dead-letter index stopped: {}", e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void index(ConsumerRecord<byte[], byte[]> r) {
        String sourceTopic = header(r, DeadLetter.SOURCE_TOPIC);
        String partition = header(r, DeadLetter.SOURCE_PARTITION);
        String offset = header(r, DeadLetter.SOURCE_OFFSET);
        if (sourceTopic == null || partition == null || offset == null) return;
        try {
            Rejection rejection = new Rejection(header(r, DeadLetter.REASON), header(r, DeadLetter.DETAIL));
            synchronized (this) {
                rejections.put(key(sourceTopic, Integer.parseInt(partition), Long.parseLong(offset)), rejection);
            }
        } catch (NumberFormatException ignored) {
            // a dead letter without a readable source place cannot answer a receipt
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String key(String topic, int partition, long offset) {
        return topic + "|" + partition + "|" + offset;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
