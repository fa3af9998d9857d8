package dev.indicators.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a streams app wrote to Kafka, by class of topic ({@link #CLASSES}):
 * <ul>
 *   <li>records: the app's own producers' {@code record-send-total} per topic (exact; end offsets would also count
 *       the transaction markers, one per partition a transaction wrote to, which are not records);</li>
 *   <li>bytes: the growth of the topics' partitions on the broker's disk ({@code describeLogDirs}): record batches as
 *       stored, compressed, with their headers and the transaction markers;</li>
 *   <li>offsets: the growth of the end offsets, so {@code offsets - records} is the markers (and aborted records).</li>
 * </ul>
 * The case changelog is the case stage's state (the stores named {@code *-case*} and {@code *-event-ids*}, today's
 * case histories and event-id windows); every other changelog is "other".
 */
final class TopicWrites {

    static final String CASE_CHANGELOG = "case_changelog";
    static final String OTHER_CHANGELOGS = "other_changelogs";
    static final String REPARTITION = "repartition";
    static final String TOTALS = "totals";
    static final List<String> CLASSES = List.of(CASE_CHANGELOG, OTHER_CHANGELOGS, REPARTITION, TOTALS);

    /** Per class: records, bytes on disk, offsets taken. */
    record Written(Map<String, Long> records, Map<String, Long> bytes, Map<String, Long> offsets) {
        long totalRecords() {
            return records.values().stream().mapToLong(Long::longValue).sum();
        }

        long totalBytes() {
            return bytes.values().stream().mapToLong(Long::longValue).sum();
        }

        long totalOffsets() {
            return offsets.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Sizes and end offsets of every partition of some topics at one moment. */
    record Snapshot(Map<TopicPartition, Long> sizes, Map<TopicPartition, Long> ends) {
    }

    private final Admin admin;
    private final CatchUp offsets;
    private final String applicationId;
    private final String outputTopic;

    TopicWrites(Admin admin, CatchUp offsets, String applicationId, String outputTopic) {
        this.admin = admin;
        this.offsets = offsets;
        this.applicationId = applicationId;
        this.outputTopic = outputTopic;
    }

    /** The class of a topic this app writes, or null for one it does not (inputs, the dead-letter topic count as none). */
    static String classify(String topic, String applicationId, String outputTopic) {
        if (topic.equals(outputTopic)) return TOTALS;
        if (!topic.startsWith(applicationId + "-")) return null;
        if (topic.endsWith("-repartition")) return REPARTITION;
        if (topic.endsWith("-changelog")) {
            String store = topic.substring(applicationId.length() + 1);
            return store.contains("case") || store.contains("event-ids") ? CASE_CHANGELOG : OTHER_CHANGELOGS;
        }
        return null;
    }

    /** The app's topics now (its internal topics once it has created them, and its output topic). */
    Snapshot snapshot() {
        List<String> topics = CatchUp.get(admin.listTopics().names()).stream()
                .filter(t -> classify(t, applicationId, outputTopic) != null).sorted().toList();
        return new Snapshot(sizes(topics), offsets.endOffsets(topics));
    }

    /** What was written between {@code before} and {@code after}, with the records the app's producers sent. */
    Written between(Snapshot before, Snapshot after, Map<MetricName, ? extends Metric> producerMetrics) {
        Map<String, Long> records = zeros();
        for (Map.Entry<MetricName, ? extends Metric> e : producerMetrics.entrySet()) {
            MetricName m = e.getKey();
            if (!m.group().equals("producer-topic-metrics") || !m.name().equals("record-send-total")) continue;
            String cls = classify(m.tags().getOrDefault("topic", ""), applicationId, outputTopic);
            if (cls != null && e.getValue().metricValue() instanceof Number n) records.merge(cls, Math.round(n.doubleValue()), Long::sum);
        }
        return new Written(records, delta(before.sizes(), after.sizes()), delta(before.ends(), after.ends()));
    }

    private Map<String, Long> delta(Map<TopicPartition, Long> before, Map<TopicPartition, Long> after) {
        Map<String, Long> out = zeros();
        after.forEach((tp, v) -> {
            String cls = classify(tp.topic(), applicationId, outputTopic);
            if (cls != null) out.merge(cls, Math.max(0, v - before.getOrDefault(tp, 0L)), Long::sum);
        });
        return out;
    }

    private static Map<String, Long> zeros() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String c : CLASSES) m.put(c, 0L);
        return m;
    }

    /** Bytes on disk of the topics' partitions, summed over the brokers' log directories (one replica each here). */
    private Map<TopicPartition, Long> sizes(Collection<String> topics) {
        Map<TopicPartition, Long> out = new HashMap<>();
        if (topics.isEmpty()) return out;
        List<Integer> brokers = CatchUp.get(admin.describeCluster().nodes()).stream().map(Node::id).toList();
        try {
            Map<Integer, Map<String, LogDirDescription>> dirs = admin.describeLogDirs(brokers).allDescriptions().get(30, TimeUnit.SECONDS);
            for (Map<String, LogDirDescription> byDir : dirs.values()) {
                for (LogDirDescription d : byDir.values()) {
                    for (Map.Entry<TopicPartition, ReplicaInfo> r : d.replicaInfos().entrySet()) {
                        if (topics.contains(r.getKey().topic())) out.merge(r.getKey(), r.getValue().size(), Math::max);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted while reading log dir sizes", e);
        } catch (Exception e) {
            throw new BenchFailure("could not read the broker's log dir sizes: " + e.getMessage(), e);
        }
        return out;
    }
}
