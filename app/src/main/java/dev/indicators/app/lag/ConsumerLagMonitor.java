package dev.indicators.app.lag;

import dev.indicators.contract.access.KafkaClientSecurity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Samples consumer-group lag in the background and publishes it under kafka-lag-exporter's metric names, so
 * existing Grafana dashboards work. A Prometheus scrape only reads the last sample: it never calls Kafka.
 * Also counts data loss: records deleted by retention before the group read them.
 */
public final class ConsumerLagMonitor implements MeterBinder, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLagMonitor.class);

    private final List<String> groups;
    private final Duration interval;
    private final Supplier<ConsumerGroupLagSampler> samplerFactory;
    private final Map<String, GroupLag> latest = new ConcurrentHashMap<>();
    private final Map<String, Long> lossSeen = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "consumer-lag-monitor");
        t.setDaemon(true);
        return t;
    });
    private ConsumerGroupLagSampler sampler;
    private volatile java.util.concurrent.ScheduledFuture<?> sampling;
    private volatile java.time.Instant lastGoodSample = java.time.Instant.now();
    private MeterRegistry registry;
    private MultiGauge partitionLag;
    private MultiGauge partitionLagSeconds;
    private MultiGauge maxLag;
    private MultiGauge maxLagSeconds;
    private MultiGauge sumLag;

    public ConsumerLagMonitor(String bootstrapServers, List<String> groups, Duration interval) {
        this(bootstrapServers, groups, interval, KafkaClientSecurity.none());
    }

    public ConsumerLagMonitor(String bootstrapServers, List<String> groups, Duration interval, KafkaClientSecurity security) {
        this(groups, interval, () -> new ConsumerGroupLagSampler(bootstrapServers, java.time.Clock.systemUTC(), security));
    }

    ConsumerLagMonitor(List<String> groups, Duration interval, Supplier<ConsumerGroupLagSampler> samplerFactory) {
        this.groups = List.copyOf(groups);
        this.interval = interval;
        this.samplerFactory = samplerFactory;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        partitionLag = MultiGauge.builder("kafka_consumergroup_group_lag")
                .description("Offset lag of a consumer group on a partition").register(registry);
        partitionLagSeconds = MultiGauge.builder("kafka_consumergroup_group_lag_seconds")
                .description("Age in seconds of the next record a consumer group has not consumed").register(registry);
        maxLag = MultiGauge.builder("kafka_consumergroup_group_max_lag")
                .description("Largest offset lag of a consumer group over its partitions").register(registry);
        maxLagSeconds = MultiGauge.builder("kafka_consumergroup_group_max_lag_seconds")
                .description("Largest time lag in seconds of a consumer group over its partitions").register(registry);
        sumLag = MultiGauge.builder("kafka_consumergroup_group_sum_lag")
                .description("Offset lag of a consumer group summed over its partitions").register(registry);
    }

    /** Starts sampling every interval; the first sample is taken at once. */
    public ConsumerLagMonitor start() {
        lastGoodSample = java.time.Instant.now();
        sampling = scheduler.scheduleWithFixedDelay(this::sampleAll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Whether the sampling task still runs: an Error (e.g. OutOfMemoryError) in it stops it for good. */
    public boolean isSampling() {
        java.util.concurrent.ScheduledFuture<?> f = sampling;
        return f != null && !f.isDone();
    }

    /** Why the sampling task stopped, when it did. */
    public Optional<String> stopCause() {
        java.util.concurrent.ScheduledFuture<?> f = sampling;
        if (f == null || !f.isDone()) return Optional.empty();
        if (f.isCancelled()) return Optional.of("stopped");
        try {
            f.get();
            return Optional.of("ended");
        } catch (java.util.concurrent.ExecutionException e) {
            return Optional.of(String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    /** When the last sample of every group succeeded (the start time until the first one does). */
    public java.time.Instant lastGoodSample() {
        return lastGoodSample;
    }

    /** The sampling interval. */
    public Duration interval() {
        return interval;
    }

    public Optional<GroupLag> latest(String group) {
        return Optional.ofNullable(latest.get(group));
    }

    /** Takes one sample now, on the caller's thread; for tests and the CLI. */
    public synchronized void sampleAll() {
        try {
            if (sampler == null) sampler = samplerFactory.get();
            for (String group : groups) {
                GroupLag g = sampler.sample(group);
                latest.put(group, g);
                countDataLoss(g);
            }
            publish();
            lastGoodSample = java.time.Instant.now();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Kafka unreachable: keep the last figures and say so once per failed sample.
            log.warn("consumer lag sample failed: {}", e.toString());
        }
    }

    private void countDataLoss(GroupLag g) {
        if (registry == null) return;
        for (PartitionLag p : g.partitions()) {
            long lost = p.recordsLostToRetention();
            if (lost == 0) continue;
            String key = p.group() + "|" + p.topic() + "|" + p.partition() + "|" + p.committedOffset();
            // The same committed offset below the log start is one loss, however many samples see it.
            Long before = lossSeen.put(key, p.logStartOffset());
            long newlyLost = before == null ? lost : Math.max(0, p.logStartOffset() - before);
            if (newlyLost == 0) continue;
            Tags tags = Tags.of("group", p.group(), "topic", p.topic(), "partition", Integer.toString(p.partition()));
            Counter.builder("indicators.consumer.data.loss.records").tags(tags)
                    .description("Records deleted by retention before the consumer group read them")
                    .register(registry).increment(newlyLost);
            if (before == null) {
                Counter.builder("indicators.consumer.data.loss.events").tags(tags)
                        .description("Times a consumer group's committed offset was found below the partition's log start offset")
                        .register(registry).increment();
                log.warn("data loss: group {} committed offset {} on {}-{} is below the log start offset {} ({} records lost)",
                        p.group(), p.committedOffset(), p.topic(), p.partition(), p.logStartOffset(), lost);
            }
        }
    }

    private void publish() {
        if (registry == null) return;
        List<MultiGauge.Row<?>> lagRows = new ArrayList<>();
        List<MultiGauge.Row<?>> secondsRows = new ArrayList<>();
        List<MultiGauge.Row<?>> maxRows = new ArrayList<>();
        List<MultiGauge.Row<?>> maxSecondsRows = new ArrayList<>();
        List<MultiGauge.Row<?>> sumRows = new ArrayList<>();
        for (GroupLag g : latest.values()) {
            for (PartitionLag p : g.partitions()) {
                Tags tags = Tags.of("group", p.group(), "topic", p.topic(), "partition", Integer.toString(p.partition()));
                lagRows.add(MultiGauge.Row.of(tags, p.offsetLag()));
                secondsRows.add(MultiGauge.Row.of(tags, p.secondsLag()));
            }
            Tags groupTag = Tags.of("group", g.group());
            maxRows.add(MultiGauge.Row.of(groupTag, g.maxLag()));
            maxSecondsRows.add(MultiGauge.Row.of(groupTag, g.maxLagSeconds()));
            sumRows.add(MultiGauge.Row.of(groupTag, g.sumLag()));
        }
        partitionLag.register(lagRows, true);
        partitionLagSeconds.register(secondsRows, true);
        maxLag.register(maxRows, true);
        maxLagSeconds.register(maxSecondsRows, true);
        sumLag.register(sumRows, true);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (sampler != null) sampler.close();
        }
    }
}
