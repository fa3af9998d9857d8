package dev.indicators.app.lag;

import dev.indicators.contract.access.KafkaClientSecurity;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Reads a consumer group's committed offsets and the partitions' start and end offsets, and the timestamp of the
 * first record the group has not consumed yet. Every partition of a topic the group has committed on is included,
 * so a partition that never received data until now still shows its lag.
 * Not thread-safe: one sampler per sampling thread.
 */
public final class ConsumerGroupLagSampler implements AutoCloseable {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration TIMESTAMP_FETCH_TIMEOUT = Duration.ofSeconds(3);

    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> peeker;
    private final Clock clock;

    public ConsumerGroupLagSampler(String bootstrapServers, Clock clock) {
        this(bootstrapServers, clock, KafkaClientSecurity.none());
    }

    public ConsumerGroupLagSampler(String bootstrapServers, Clock clock, KafkaClientSecurity security) {
        Properties adminProps = new Properties();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        adminProps.put(AdminClientConfig.CLIENT_ID_CONFIG, "indicators-lag-monitor");
        security.applyTo(adminProps);
        this.admin = Admin.create(adminProps);
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, "indicators-lag-monitor-peek");
        // No group: the peeker only looks at one record per partition and must never commit or join anything.
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumerProps.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "65536");
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        security.applyTo(consumerProps);
        this.peeker = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.clock = clock;
    }

    public ConsumerGroupLagSampler(String bootstrapServers) {
        this(bootstrapServers, Clock.systemUTC());
    }

    /** All consumer groups the broker knows, for `indicators lag` without --group. */
    public List<String> groups() throws ExecutionException, InterruptedException, TimeoutException {
        return admin.listGroups().all().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).stream()
                .map(g -> g.groupId()).sorted().toList();
    }

    public GroupLag sample(String group) throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Set<String> topics = committed.keySet().stream().map(TopicPartition::topic).collect(Collectors.toSet());
        if (topics.isEmpty()) {
            return new GroupLag(group, clock.instant(), List.of());
        }
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Set<TopicPartition> partitions = new HashSet<>();
        described.values().forEach(d -> d.partitions().forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition()))));

        Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
        Map<TopicPartition, Long> starts = offsets(partitions, OffsetSpec.earliest());

        Map<TopicPartition, Long> positions = new HashMap<>();
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata c = committed.get(tp);
            long start = starts.getOrDefault(tp, 0L);
            // A group that fell behind retention resumes at the log start: the lost records are not lag any more.
            positions.put(tp, c == null ? start : Math.max(c.offset(), start));
        }
        Map<TopicPartition, Long> lagging = new HashMap<>();
        positions.forEach((tp, pos) -> {
            if (ends.getOrDefault(tp, 0L) > pos) lagging.put(tp, pos);
        });
        Map<TopicPartition, Long> nextTimestamps = timestampsAt(lagging);

        Instant now = clock.instant();
        List<PartitionLag> rows = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            long end = ends.getOrDefault(tp, 0L);
            long pos = positions.get(tp);
            long lag = Math.max(0, end - pos);
            Long ts = nextTimestamps.get(tp);
            double seconds = lag == 0 || ts == null ? 0.0 : Math.max(0, now.toEpochMilli() - ts) / 1000.0;
            OffsetAndMetadata c = committed.get(tp);
            rows.add(new PartitionLag(group, tp.topic(), tp.partition(), c == null ? -1 : c.offset(),
                    starts.getOrDefault(tp, 0L), end, lag, seconds));
        }
        rows.sort(Comparator.comparing(PartitionLag::topic).thenComparingInt(PartitionLag::partition));
        return new GroupLag(group, now, rows);
    }

    private Map<TopicPartition, Long> offsets(Set<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result =
                admin.listOffsets(request).all().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> out = new HashMap<>();
        result.forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    /** The timestamp of the first record at or after each given offset. */
    private Map<TopicPartition, Long> timestampsAt(Map<TopicPartition, Long> offsets) {
        Map<TopicPartition, Long> found = new HashMap<>();
        if (offsets.isEmpty()) return found;
        peeker.assign(offsets.keySet());
        offsets.forEach(peeker::seek);
        long deadline = System.nanoTime() + TIMESTAMP_FETCH_TIMEOUT.toNanos();
        while (found.size() < offsets.size() && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : peeker.poll(Duration.ofMillis(200))) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (!found.containsKey(tp) && r.offset() >= offsets.get(tp)) {
                    found.put(tp, r.timestamp());
                    peeker.pause(List.of(tp));
                }
            }
        }
        peeker.unsubscribe();
        return found;
    }

    @Override
    public void close() {
        peeker.close(Duration.ofSeconds(2));
        admin.close(Duration.ofSeconds(2));
    }
}
