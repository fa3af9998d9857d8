package dev.indicators.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether the streams app has aggregated everything, judged from its own progress as Kafka records it: the offsets
 * its consumer group committed. Under exactly-once an offset is committed in the same transaction as the records the
 * processing produced, so:
 * <ol>
 *   <li>every input partition's committed offset has reached the end offset measured after publishing (the events
 *       are read, and the contributions they made are in the repartition topic, committed);</li>
 *   <li>then every partition of the app's repartition topic(s) has no open transaction and its committed offset has
 *       reached its end, allowing for the final transaction marker, which is not a record (so the totals those
 *       contributions made are in the totals topic, committed).</li>
 * </ol>
 */
final class CatchUp {

    private static final long TIMEOUT_SECONDS = 30;

    private final Admin admin;
    private final String applicationId;

    CatchUp(Admin admin, String applicationId) {
        this.admin = admin;
        this.applicationId = applicationId;
    }

    /** The current end offsets of the topics' partitions. */
    Map<TopicPartition, Long> endOffsets(Collection<String> topics) {
        return offsets(partitions(topics), OffsetSpec.latest(), IsolationLevel.READ_UNCOMMITTED);
    }

    /**
     * Whether an app without a repartition topic (the floor) has consumed every input partition up to
     * {@code inputEnds}: under exactly-once, what it wrote for those records is then committed too.
     */
    boolean inputsReached(Map<TopicPartition, Long> inputEnds) {
        Map<TopicPartition, OffsetAndMetadata> committed = committed();
        for (Map.Entry<TopicPartition, Long> e : inputEnds.entrySet()) {
            if (offset(committed, e.getKey()) < e.getValue()) return false;
        }
        return true;
    }

    /** Whether every input partition is consumed up to {@code inputEnds} and the repartition topics are drained. */
    boolean reached(Map<TopicPartition, Long> inputEnds) {
        if (!inputsReached(inputEnds)) return false;
        Map<TopicPartition, OffsetAndMetadata> committed;
        List<TopicPartition> repartition = partitions(repartitionTopics());
        if (repartition.isEmpty()) return false; // Kafka Streams creates it at start-up: not there yet, not done either
        Map<TopicPartition, Long> ends = offsets(repartition, OffsetSpec.latest(), IsolationLevel.READ_UNCOMMITTED);
        Map<TopicPartition, Long> stable = offsets(repartition, OffsetSpec.latest(), IsolationLevel.READ_COMMITTED);
        committed = committed();
        for (TopicPartition tp : repartition) {
            long end = ends.get(tp);
            if (end == 0) continue;
            if (stable.get(tp) < end) return false; // a transaction is still open
            if (offset(committed, tp) < end - 1) return false; // end - 1 is the last transaction's commit marker
        }
        return true;
    }

    /** Contributions on the repartition topic(s) not yet committed as consumed by the totals stage (for progress lines). */
    long repartitionLag() {
        List<TopicPartition> repartition = partitions(repartitionTopics());
        Map<TopicPartition, Long> ends = offsets(repartition, OffsetSpec.latest(), IsolationLevel.READ_UNCOMMITTED);
        Map<TopicPartition, OffsetAndMetadata> committed = committed();
        long lag = 0;
        for (TopicPartition tp : repartition) lag += Math.max(0, ends.get(tp) - offset(committed, tp));
        return lag;
    }

    /** How many input records the app has committed as consumed (for progress lines). */
    long committedInputRecords(Collection<TopicPartition> inputs) {
        Map<TopicPartition, OffsetAndMetadata> committed = committed();
        long n = 0;
        for (TopicPartition tp : inputs) n += offset(committed, tp);
        return n;
    }

    List<String> repartitionTopics() {
        return get(admin.listTopics().names()).stream()
                .filter(t -> t.startsWith(applicationId + "-") && t.endsWith("-repartition")).sorted().toList();
    }

    private static long offset(Map<TopicPartition, OffsetAndMetadata> committed, TopicPartition tp) {
        OffsetAndMetadata o = committed.get(tp);
        return o == null ? 0 : o.offset();
    }

    private Map<TopicPartition, OffsetAndMetadata> committed() {
        Map<TopicPartition, OffsetAndMetadata> m = get(admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata());
        Map<TopicPartition, OffsetAndMetadata> clean = new HashMap<>();
        m.forEach((k, v) -> {
            if (v != null) clean.put(k, v);
        });
        return clean;
    }

    private List<TopicPartition> partitions(Collection<String> topics) {
        if (topics.isEmpty()) return List.of();
        Map<String, TopicDescription> descriptions = get(admin.describeTopics(topics).allTopicNames());
        return descriptions.values().stream()
                .flatMap(d -> d.partitions().stream().map((TopicPartitionInfo p) -> new TopicPartition(d.name(), p.partition())))
                .toList();
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec, IsolationLevel isolation) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (TopicPartition tp : partitions) request.put(tp, spec);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result =
                get(admin.listOffsets(request, new ListOffsetsOptions(isolation)).all());
        Map<TopicPartition, Long> out = new HashMap<>();
        result.forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted while reading offsets", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new BenchFailure("could not read offsets: " + e.getMessage(), e);
        }
    }
}
