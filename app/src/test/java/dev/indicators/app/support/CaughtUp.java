package dev.indicators.app.support;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Waits until a Kafka Streams application has processed and committed everything on every topic it reads (inputs and
 * its own repartition topics), so that a test can read a total once and know it is final, instead of polling until
 * it equals the expectation (which an overshoot after the poll would pass).
 * A partition is caught up when the group's committed offset is at its end, or when nothing but transaction markers
 * lies between the two: Kafka Streams commits the offset after the last record it processed, and a transactional
 * topic's end lies one marker further.
 */
public final class CaughtUp {

    private CaughtUp() {
    }

    public static void await(String bootstrapServers, String group, Duration timeout) throws Exception {
        await(bootstrapServers, group, List.of(), timeout);
    }

    /**
     * As {@link #await(String, String, Duration)}, also counting every partition of {@code inputs} and of the group's
     * repartition topics the group has not committed at all yet (as at offset 0): with several partitions, one the app
     * has not read from yet would otherwise not be waited for.
     */
    public static void await(String bootstrapServers, String group, Collection<String> inputs, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        String last = "no sample";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
             KafkaConsumer<byte[], byte[]> peek = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>(admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS));
                List<String> expected = new ArrayList<>(inputs);
                if (!inputs.isEmpty()) {
                    admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                            .filter(t -> t.startsWith(group + "-") && t.endsWith("-repartition")).forEach(expected::add);
                }
                if (!expected.isEmpty()) {
                    admin.describeTopics(expected).allTopicNames().get(30, TimeUnit.SECONDS).values().forEach(d -> d.partitions()
                            .forEach(p -> committed.putIfAbsent(new TopicPartition(d.name(), p.partition()), new OffsetAndMetadata(0))));
                }
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
                Map<TopicPartition, Long> behind = new HashMap<>();
                committed.forEach((tp, c) -> {
                    long end = ends.get(tp).offset();
                    if (c != null && c.offset() < end) behind.put(tp, c.offset());
                });
                if (!committed.isEmpty() && (behind.isEmpty() || onlyMarkersAfter(peek, behind, ends))) return;
                last = behind.toString();
                Thread.sleep(200);
            }
        }
        throw new AssertionError("group " + group + " did not catch up within " + timeout + "; behind at: " + last);
    }

    /** True when a read_committed read from each committed offset finds no record before the partition's end. */
    private static boolean onlyMarkersAfter(KafkaConsumer<byte[], byte[]> peek, Map<TopicPartition, Long> from,
                                            Map<TopicPartition, org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo> ends) {
        peek.assign(List.copyOf(from.keySet()));
        from.forEach(peek::seek);
        long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < until) {
            if (!peek.poll(Duration.ofMillis(100)).isEmpty()) return false;
            boolean allAtEnd = from.keySet().stream().allMatch(tp -> peek.position(tp) >= ends.get(tp).offset());
            if (allAtEnd) return true;
        }
        return false;
    }
}
