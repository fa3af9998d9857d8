package dev.indicators.app.demo;

import dev.indicators.contract.access.KafkaClientSecurity;
import dev.indicators.producer.publish.PublishResult;
import dev.indicators.streams.app.IndicatorStreamsApp;
import dev.indicators.streams.query.TotalValue;
import dev.indicators.streams.query.TotalsUnavailableException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * When the demo may say "sample totals ready": the streams app has committed its input offsets past every sample
 * event, and the published figures the sample reproduces answer through the query API. Waiting on these two facts,
 * not on a sleep, is what lets the README's curl answer the published figure at once.
 */
final class SampleTotalsWait {

    private static final Duration POLL = Duration.ofMillis(200);

    private final IndicatorStreamsApp streams;
    private final String bootstrapServers;
    private final long deadline;
    private final Duration timeout;
    private final BooleanSupplier stopRequested;

    private KafkaClientSecurity security = KafkaClientSecurity.none();

    /** The streams app's client settings in secure mode. */
    SampleTotalsWait withSecurity(KafkaClientSecurity security) {
        this.security = security;
        return this;
    }

    SampleTotalsWait(IndicatorStreamsApp streams, String bootstrapServers, Duration timeout, BooleanSupplier stopRequested) {
        this.streams = streams;
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
        this.deadline = System.nanoTime() + timeout.toNanos();
        this.stopRequested = stopRequested;
    }

    /**
     * Waits until both facts hold; throws naming the one still missing when {@code timeout} has passed, and a
     * {@link CancellationException} as soon as a stop is requested (Ctrl-C must not wait for the sample).
     */
    void await(List<PublishResult> published, Map<String, Long> expectedTotals) throws InterruptedException {
        awaitCommitted(endOffsets(published));
        awaitTotals(expectedTotals);
    }

    /** Per partition, the offset after the last sample event: what the app's committed offset must reach. */
    static Map<TopicPartition, Long> endOffsets(List<PublishResult> published) {
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (PublishResult r : published) ends.merge(new TopicPartition(r.topic(), r.partition()), r.offset() + 1, Math::max);
        return ends;
    }

    private void awaitCommitted(Map<TopicPartition, Long> ends) throws InterruptedException {
        String group = streams.settings().applicationId();
        try (Admin admin = Admin.create(security.clientProperties(bootstrapServers))) {
            Map<TopicPartition, Long> behind = new TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString));
            while (true) {
                behind.clear();
                Map<TopicPartition, OffsetAndMetadata> committed = committed(admin, group);
                ends.forEach((tp, end) -> {
                    OffsetAndMetadata c = committed.get(tp);
                    if (c == null || c.offset() < end) behind.put(tp, end - (c == null ? 0 : c.offset()));
                });
                if (behind.isEmpty()) return;
                checkDeadline("the streams app (group " + group + ") still has sample events to commit: " + behind);
                Thread.sleep(POLL.toMillis());
            }
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(Admin admin, String group) throws InterruptedException {
        try {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return Map.of(); // the group may not exist yet: ask again
        }
    }

    private void awaitTotals(Map<String, Long> expected) throws InterruptedException {
        while (true) {
            Map<String, Object> missing = new TreeMap<>();
            expected.forEach((key, value) -> {
                Object actual = actual(key);
                if (!(actual instanceof Double d) || d.longValue() != value) missing.put(key, actual + " (expected " + value + ")");
            });
            if (missing.isEmpty()) return;
            checkDeadline("sample totals not there yet: " + missing);
            Thread.sleep(POLL.toMillis());
        }
    }

    /** The total for a key {@code region|indicator|period}: its value, or why there is none yet. */
    private Object actual(String key) {
        String[] k = key.split("\\|", 3);
        try {
            TotalValue total = streams.query().total(k[0], k[1], k[2]);
            return total.value() == null ? "no value" : total.value();
        } catch (TotalsUnavailableException e) {
            return "unavailable (" + e.getMessage() + ")";
        }
    }

    private void checkDeadline(String what) {
        if (stopRequested.getAsBoolean()) throw new CancellationException("stop requested while " + what);
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("after " + timeout.toSeconds() + " s, " + what);
        }
    }
}
