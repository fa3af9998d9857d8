package dev.indicators.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads the totals topic as a dashboard would ({@code read_committed}), from given offsets on, while the pipeline
 * runs, and keeps the latest value of every key of the sampled regions (the topic is compacted: its latest values are
 * its meaning). Values are kept as bytes and decoded only for the check. It also tells when it has read everything the
 * app had committed at some moment: the time until the totals topic caught up.
 */
final class TotalsTopicTail implements AutoCloseable {

    private final String topic;
    private final Set<String> regions;
    private final Map<String, byte[]> latest = new HashMap<>();
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long records;

    /**
     * @param from     where to start in each partition (e.g. the end offsets before this run of the app): what came
     *                 before belongs to another run
     * @param regions  the region codes whose keys are kept (keys are {@code regionCode|indicator|period})
     */
    TotalsTopicTail(String bootstrapServers, String topic, Map<TopicPartition, Long> from, Set<String> regions) {
        this.topic = topic;
        this.regions = Set.copyOf(regions);
        Map<String, Object> config = RawConsumePhase.consumerConfig(bootstrapServers, "indicators-bench-totals-tail");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString().toLowerCase(Locale.ROOT));
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config);
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) partitions.add(new TopicPartition(topic, p.partition()));
        consumer.assign(partitions);
        for (TopicPartition tp : partitions) {
            long at = from.getOrDefault(tp, 0L);
            consumer.seek(tp, at);
            positions.put(tp, at);
        }
        thread = new Thread(() -> tail(consumer), "bench-totals-tail");
        thread.setDaemon(true);
        thread.start();
    }

    private void tail(KafkaConsumer<byte[], byte[]> consumer) {
        try (consumer) {
            while (running) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(100));
                synchronized (latest) {
                    for (ConsumerRecord<byte[], byte[]> r : batch) {
                        records++;
                        String region = regionOf(r.key());
                        if (region == null || !regions.contains(region)) continue;
                        String key = new String(r.key(), StandardCharsets.UTF_8);
                        if (r.value() == null) latest.remove(key);
                        else latest.put(key, r.value());
                    }
                }
                for (TopicPartition tp : consumer.assignment()) positions.put(tp, consumer.position(tp));
            }
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        }
    }

    private static String regionOf(byte[] key) {
        if (key == null) return null;
        for (int i = 0; i < key.length; i++) {
            if (key[i] == '|') return new String(key, 0, i, StandardCharsets.US_ASCII);
        }
        return null;
    }

    /**
     * Waits until this consumer has read past {@code ends} in every partition (a read_committed consumer moves past
     * transaction markers, so it reaches the end offset itself).
     */
    void awaitReached(Map<TopicPartition, Long> ends, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (failure.get() != null) throw new BenchFailure("reading " + topic + " failed: " + failure.get().getMessage(), failure.get());
            boolean reached = true;
            for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
                if (positions.getOrDefault(e.getKey(), 0L) < e.getValue()) reached = false;
            }
            if (reached) return;
            if (System.nanoTime() > deadline) {
                throw new BenchFailure("a read_committed consumer of " + topic + " did not reach " + ends + " within "
                        + timeout.toSeconds() + " s (it is at " + positions + ")");
            }
            PipelinePhase.sleep(20);
        }
    }

    /** CPU time of the tail's thread so far (it polls in its own thread), or 0 if the JVM does not measure it. */
    long cpuNanos() {
        long ns = java.lang.management.ManagementFactory.getThreadMXBean().getThreadCpuTime(thread.getId());
        return Math.max(0, ns);
    }

    /** Records read so far (all regions). */
    long records() {
        return records;
    }

    /** The latest value bytes of every key of the sampled regions read so far. */
    Map<String, byte[]> latest() {
        synchronized (latest) {
            return Map.copyOf(latest);
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
