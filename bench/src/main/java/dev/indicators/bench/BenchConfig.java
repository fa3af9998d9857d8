package dev.indicators.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one bench run does.
 *
 * @param events         events generated and published for the throughput phases
 * @param regions        county-level regions of the synthetic region table
 * @param rate           events per second during the latency phase
 * @param latencyPhase   how long the latency phase produces
 * @param partitions     partitions of the input topics (and so tasks of the streams app)
 * @param streamThreads  {@code num.stream.threads}; empty keeps the streams app's default
 * @param seed           simulator seed: the same seed gives the same events
 * @param bootstrap      an external Kafka cluster; empty starts the embedded stack
 * @param registry       the Apicurio registry of that cluster (Apicurio API URL or base address)
 * @param output         where bench-result.json is written
 * @param keep           keep the bench's data (embedded stack data, state directory, or the external topics)
 * @param quick          whether the quick defaults were chosen (reported only)
 * @param streamsConfig  Kafka Streams / client properties set on the streams app last (tuning experiments)
 * @param serdeConfig    Apicurio serde properties for the streams app and the publisher (tuning experiments)
 * @param repeat         how many times the measured phases run (raw consume, floor, pipeline with its check, latency,
 *                       restore); figures are reported as median, min and max
 * @param topicPeriods   the period kinds the totals topic must carry ({@link TotalsCheck#PERIOD_KINDS})
 * @param wipedRestore   whether the restore phase also times a restart on an emptied state directory
 * @param crashes        how often the crash phase kills the streams app, run as its own process, with SIGKILL (0: no crash phase)
 * @param crashOnly      publish, then run the crash phase and its check only
 */
public record BenchConfig(long events, int regions, double rate, Duration latencyPhase, int partitions,
                          Optional<Integer> streamThreads, long seed, Optional<String> bootstrap, Optional<String> registry,
                          Path output, boolean keep, boolean quick, Map<String, String> streamsConfig,
                          Map<String, String> serdeConfig, int repeat, java.util.Set<String> topicPeriods, boolean wipedRestore,
                          int crashes, boolean crashOnly) {

    public static final long DEFAULT_EVENTS = 2_000_000;
    public static final long QUICK_EVENTS = 200_000;
    public static final int DEFAULT_REGIONS = 3_200;
    public static final double DEFAULT_RATE = 5_000;
    public static final Duration DEFAULT_LATENCY_PHASE = Duration.ofSeconds(60);
    public static final Duration QUICK_LATENCY_PHASE = Duration.ofSeconds(15);
    public static final int DEFAULT_PARTITIONS = 4;
    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_CRASHES = 1;

    public BenchConfig {
        Objects.requireNonNull(latencyPhase, "latencyPhase");
        Objects.requireNonNull(streamThreads, "streamThreads");
        Objects.requireNonNull(bootstrap, "bootstrap");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(output, "output");
        streamsConfig = Map.copyOf(streamsConfig);
        serdeConfig = Map.copyOf(serdeConfig);
        topicPeriods = java.util.Set.copyOf(topicPeriods);
        if (crashes < 0) throw new IllegalArgumentException("--crashes must not be negative");
        if (crashOnly && crashes < 1) throw new IllegalArgumentException("--crash-only needs --crashes of at least 1");
        if (repeat < 1) throw new IllegalArgumentException("--repeat must be at least 1");
        for (String kind : topicPeriods) {
            if (!TotalsCheck.PERIOD_KINDS.contains(kind)) throw new IllegalArgumentException("--topic-periods: unknown period kind '" + kind + "'");
        }
        if (events < 1) throw new IllegalArgumentException("--events must be at least 1");
        if (regions < 1) throw new IllegalArgumentException("--regions must be at least 1");
        if (!(rate > 0)) throw new IllegalArgumentException("--rate must be positive");
        if (latencyPhase.isNegative()) throw new IllegalArgumentException("--seconds must not be negative");
        if (partitions < 1) throw new IllegalArgumentException("--partitions must be at least 1");
        if (streamThreads.isPresent() && streamThreads.get() < 1) throw new IllegalArgumentException("--threads must be at least 1");
        if (bootstrap.isPresent() != registry.isPresent()) {
            throw new IllegalArgumentException("--bootstrap and --registry go together (an external cluster needs its registry)");
        }
    }

    /** The full-size defaults: 2,000,000 events over 3,200 regions, 60 s at 5,000 events/s. */
    public static BenchConfig defaults() {
        return new BenchConfig(DEFAULT_EVENTS, DEFAULT_REGIONS, DEFAULT_RATE, DEFAULT_LATENCY_PHASE, DEFAULT_PARTITIONS,
                Optional.empty(), DEFAULT_SEED, Optional.empty(), Optional.empty(), Path.of("bench-result.json"), false, false, Map.of(), Map.of(),
                1, TotalsCheck.DEFAULT_TOPIC_KINDS, true, DEFAULT_CRASHES, false);
    }

    public boolean external() {
        return bootstrap.isPresent();
    }

    /** Events produced during the latency phase. */
    public long latencyEvents() {
        return Math.round(rate * latencyPhase.toMillis() / 1000.0);
    }

    public BenchConfig withEvents(long v) {
        return new BenchConfig(v, regions, rate, latencyPhase, partitions, streamThreads, seed, bootstrap, registry, output, keep, quick, streamsConfig, serdeConfig, repeat, topicPeriods, wipedRestore, crashes, crashOnly);
    }

    public BenchConfig withRegions(int v) {
        return new BenchConfig(events, v, rate, latencyPhase, partitions, streamThreads, seed, bootstrap, registry, output, keep, quick, streamsConfig, serdeConfig, repeat, topicPeriods, wipedRestore, crashes, crashOnly);
    }

    public BenchConfig withRate(double v) {
        return new BenchConfig(events, regions, v, latencyPhase, partitions, streamThreads, seed, bootstrap, registry, output, keep, quick, streamsConfig, serdeConfig, repeat, topicPeriods, wipedRestore, crashes, crashOnly);
    }

    public BenchConfig withLatencyPhase(Duration v) {
        return new BenchConfig(events, regions, rate, v, partitions, streamThreads, seed, bootstrap, registry, output, keep, quick, streamsConfig, serdeConfig, repeat, topicPeriods, wipedRestore, crashes, crashOnly);
    }

    public BenchConfig withPartitions(int v) {
        return new BenchConfig(events, regions, rate, latencyPhase, v, streamThreads, seed, bootstrap, registry, output, keep, quick, streamsConfig, serdeConfig, repeat, topicPeriods, wipedRestore, crashes, crashOnly);
    }

    public BenchConfig withStreamThreads(Optional<Integer> v) {
        return new BenchConfig(events, regions, rate, latencyPhase, partitions, v, seed, bootstrap, registry, output, keep, quick, streamsConfig, serdeConfig, repeat, topicPeriods, wipedRestore, crashes, crashOnly);
    }

    public BenchConfig withSeed(long v) {
        return new BenchConfig(events, regions, rate, latencyPhase, partitions, streamThreads, v, bootstrap, registry, output, keep, quick, streamsConfig, serdeConfig, repeat, topicPeriods, wipedRestore, crashes, crashOnly);
    }

    /** Runs against an existing cluster instead of the embedded stack. */
    public BenchConfig withCluster(String bootstrapServers, String registryUrl) {
        return new BenchConfig(events, regions, rate, latencyPhase, partitions, streamThreads, seed, Optional.of(bootstrapServers),
                Optional.of(registryUrl), output, keep, quick, streamsConfig, serdeConfig, repeat, topicPeriods, wipedRestore, crashes, crashOnly);
    }

    public BenchConfig withOutput(Path v) {
        return new BenchConfig(events, regions, rate, latencyPhase, partitions, streamThreads, seed, bootstrap, registry, v, keep, quick, streamsConfig, serdeConfig, repeat, topicPeriods, wipedRestore, crashes, crashOnly);
    }

    public BenchConfig withKeep(boolean v) {
        return new BenchConfig(events, regions, rate, latencyPhase, partitions, streamThreads, seed, bootstrap, registry, output, v, quick, streamsConfig, serdeConfig, repeat, topicPeriods, wipedRestore, crashes, crashOnly);
    }

    public BenchConfig withStreamsConfig(Map<String, String> v) {
        return new BenchConfig(events, regions, rate, latencyPhase, partitions, streamThreads, seed, bootstrap, registry, output, keep, quick, v, serdeConfig, repeat, topicPeriods, wipedRestore, crashes, crashOnly);
    }

    public BenchConfig withSerdeConfig(Map<String, String> v) {
        return new BenchConfig(events, regions, rate, latencyPhase, partitions, streamThreads, seed, bootstrap, registry, output, keep, quick, streamsConfig, v, repeat, topicPeriods, wipedRestore, crashes, crashOnly);
    }

    public BenchConfig withRepeat(int v) {
        return new BenchConfig(events, regions, rate, latencyPhase, partitions, streamThreads, seed, bootstrap, registry, output, keep, quick,
                streamsConfig, serdeConfig, v, topicPeriods, wipedRestore, crashes, crashOnly);
    }

    public BenchConfig withTopicPeriods(java.util.Set<String> v) {
        return new BenchConfig(events, regions, rate, latencyPhase, partitions, streamThreads, seed, bootstrap, registry, output, keep, quick,
                streamsConfig, serdeConfig, repeat, v, wipedRestore, crashes, crashOnly);
    }

    public BenchConfig withWipedRestore(boolean v) {
        return new BenchConfig(events, regions, rate, latencyPhase, partitions, streamThreads, seed, bootstrap, registry, output, keep, quick,
                streamsConfig, serdeConfig, repeat, topicPeriods, v, crashes, crashOnly);
    }

    public BenchConfig withCrashes(int v) {
        return new BenchConfig(events, regions, rate, latencyPhase, partitions, streamThreads, seed, bootstrap, registry, output, keep, quick,
                streamsConfig, serdeConfig, repeat, topicPeriods, wipedRestore, v, crashOnly);
    }

    public BenchConfig withQuick(boolean v) {
        return new BenchConfig(events, regions, rate, latencyPhase, partitions, streamThreads, seed, bootstrap, registry, output, keep, v, streamsConfig, serdeConfig, repeat, topicPeriods, wipedRestore, crashes, crashOnly);
    }

    public BenchConfig withCrashOnly(boolean v) {
        return new BenchConfig(events, regions, rate, latencyPhase, partitions, streamThreads, seed, bootstrap, registry, output, keep, quick,
                streamsConfig, serdeConfig, repeat, topicPeriods, wipedRestore, crashes, v);
    }
}
