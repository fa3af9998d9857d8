package dev.indicators.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Phase 2, the baseline: read every published record back with a plain consumer that deserialises nothing (bytes
 * only), as fast as the broker serves them. This is the physical limit of the pipeline on this broker and machine:
 * the streams app has to read the same records, and then do its work.
 */
final class RawConsumePhase {

    private RawConsumePhase() {
    }

    static Map<String, Object> consumerConfig(String bootstrapServers, String clientId) {
        Map<String, Object> c = new HashMap<>();
        BenchCluster.CLIENT_SECURITY.applyTo(c);
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return c;
    }

    static Throughput run(String bootstrapServers, Collection<String> topics, long expected, Progress progress) {
        Map<String, Object> config = consumerConfig(bootstrapServers, "indicators-bench-raw");
        // tuned for throughput: big fetches, many records per poll
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        config.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, 1024 * 1024);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                    partitions.add(new TopicPartition(topic, p.partition()));
                }
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            consumer.seekToBeginning(partitions);
            Progress.Ticker ticker = progress.ticker("raw consume", expected);
            long records = 0;
            long bytes = 0;
            long started = System.nanoTime();
            List<TopicPartition> open = new ArrayList<>(partitions);
            open.removeIf(tp -> ends.get(tp) == 0);
            long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            while (!open.isEmpty()) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    records++;
                    bytes += r.serializedValueSize() + Math.max(0, r.serializedKeySize());
                }
                if (!batch.isEmpty()) open.removeIf(tp -> batch.partitions().contains(tp) && consumer.position(tp) >= ends.get(tp));
                else open.removeIf(tp -> consumer.position(tp) >= ends.get(tp));
                ticker.update(records);
                if (System.nanoTime() > deadline) throw new BenchFailure("raw consume did not reach the end offsets in 30 minutes");
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            if (records != expected) {
                throw new BenchFailure("raw consume read " + records + " records, " + expected + " were published");
            }
            progress.line("raw consume: %,d events (%,.1f MB) in %.1f s, %,.0f events/s", records, bytes / 1e6, seconds, records / seconds);
            return Throughput.of(records, seconds, bytes);
        }
    }
}
