package dev.indicators.streams.app;

import dev.indicators.contract.Settings;
import dev.indicators.contract.Topics;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.contract.validation.EventLimits;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Every knob of the streams app, in one place. {@link #fromSettings(Settings)} reads them from environment variables
 * (or {@code -Dindicators.*} system properties); the {@code with...} methods override one for tests and embedding.
 *
 * <table>
 *   <tr><th>variable</th><th>default</th></tr>
 *   <tr><td>INDICATORS_APPLICATION_ID</td><td>indicator-pipeline</td></tr>
 *   <tr><td>INDICATORS_BOOTSTRAP_SERVERS</td><td>localhost:9092</td></tr>
 *   <tr><td>INDICATORS_REGISTRY_URL</td><td>http://localhost:8080 (the Apicurio API path /apis/registry/v3 is added when absent)</td></tr>
 *   <tr><td>INDICATORS_REGISTRY_AUTO_REGISTER</td><td>true (register the IndicatorTotal schema if the registry lacks it)</td></tr>
 *   <tr><td>INDICATORS_STATE_DIR</td><td>&lt;java.io.tmpdir&gt;/indicator-pipeline-streams</td></tr>
 *   <tr><td>INDICATORS_PROCESSING_GUARANTEE</td><td>exactly_once_v2</td></tr>
 *   <tr><td>INDICATORS_STREAMS_THREADS</td><td>the number of processors, 1 to 4 ({@link #DEFAULT_THREADS})</td></tr>
 *   <tr><td>INDICATORS_COMMIT_INTERVAL</td><td>250ms: the publication cycle of the totals topic</td></tr>
 *   <tr><td>INDICATORS_CACHE_MAX_BYTES</td><td>67108864 (64 MB, on the heap)</td></tr>
 *   <tr><td>INDICATORS_REPLICATION_FACTOR</td><td>-1 (the broker's default) for internal topics</td></tr>
 *   <tr><td>INDICATORS_PUBLICATION_CYCLE</td><td>250ms: each changed total is published once per cycle</td></tr>
 *   <tr><td>INDICATORS_PUBLICATION_CYCLE_MAX</td><td>5s: the longest cycle, while the totals stage is behind</td></tr>
 *   <tr><td>INDICATORS_DEDUPE_HORIZON</td><td>30d (no longer used: a case's state keeps its eventIds for all time)</td></tr>
 *   <tr><td>INDICATORS_REFRESH_INTERVAL</td><td>60s (trailing windows and late stock changes)</td></tr>
 *   <tr><td>INDICATORS_STORES</td><td>persistent (RocksDB) | in-memory</td></tr>
 *   <tr><td>INDICATORS_REGIONS_FILE</td><td>the bundled region table</td></tr>
 *   <tr><td>INDICATORS_APPLICATION_SERVER</td><td>unset; host:port of this instance for interactive queries across instances</td></tr>
 *   <tr><td>INDICATORS_TOPIC_*</td><td>see {@link Topics#fromEnvironment(Settings)}</td></tr>
 *   <tr><td>INDICATORS_MAX_CLOCK_SKEW</td><td>5m, see {@link EventLimits}</td></tr>
 * </table>
 * Fixed client settings (override with {@link #withKafkaProperty}): the app's producer batches (linger 50 ms,
 * 256 KB, lz4) and the main consumer's fetch wait is 20 ms.
 */
public record StreamsSettings(
        String applicationId,
        String bootstrapServers,
        String registryUrl,
        boolean registryAutoRegister,
        Path stateDir,
        String processingGuarantee,
        int threads,
        Duration commitInterval,
        long cacheMaxBytes,
        int replicationFactor,
        Duration dedupeHorizon,
        Duration refreshInterval,
        StoreKind storeKind,
        Path regionsFile,
        Topics topics,
        EventLimits limits,
        Map<String, Object> kafkaOverrides,
        Map<String, Object> registryOverrides,
        Duration publicationCycle,
        Duration publicationCycleMax) {

    /**
     * One stream thread per processor, up to 4: the case stage and the totals stage then run side by side (measured on
     * 2 cores shared with the broker: 2 threads and the larger cache below aggregate 2.1 times as fast as 1 thread).
     */
    public static final int DEFAULT_THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    /** A larger record cache absorbs more repeated bucket updates between commits and spares RocksDB reads. */
    public static final long DEFAULT_CACHE_MAX_BYTES = 64L * 1024 * 1024;

    /**
     * The publication cycle: the totals stage publishes every changed total once per cycle, at the first commit after
     * the cycle has elapsed (the commit interval defaults to the same 250 ms; Kafka Streams' own default under
     * exactly-once is 100 ms).
     */
    public static final Duration DEFAULT_PUBLICATION_CYCLE = Duration.ofMillis(250);
    /** How far the cycle stretches while the totals stage is behind (its oldest unpublished change is older than this). */
    public static final Duration DEFAULT_PUBLICATION_CYCLE_MAX = Duration.ofSeconds(5);

    public static final String DEFAULT_APPLICATION_ID = "indicator-pipeline";

    public StreamsSettings {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(registryUrl, "registryUrl");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(processingGuarantee, "processingGuarantee");
        Objects.requireNonNull(dedupeHorizon, "dedupeHorizon");
        Objects.requireNonNull(refreshInterval, "refreshInterval");
        Objects.requireNonNull(storeKind, "storeKind");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(publicationCycle, "publicationCycle");
        Objects.requireNonNull(publicationCycleMax, "publicationCycleMax");
        if (publicationCycleMax.compareTo(publicationCycle) < 0) {
            throw new IllegalArgumentException("INDICATORS_PUBLICATION_CYCLE_MAX (" + publicationCycleMax + ") is shorter than INDICATORS_PUBLICATION_CYCLE (" + publicationCycle + ")");
        }
        kafkaOverrides = Map.copyOf(kafkaOverrides);
        registryOverrides = Map.copyOf(registryOverrides);
        if (threads < 1) throw new IllegalArgumentException("INDICATORS_STREAMS_THREADS must be at least 1, not " + threads);
    }

    /** Defaults overridden by the environment and {@code -Dindicators.*} system properties. */
    public static StreamsSettings fromEnvironment() {
        return fromSettings(Settings.system());
    }

    public static StreamsSettings fromSettings(Settings s) {
        return new StreamsSettings(
                s.get("INDICATORS_APPLICATION_ID", DEFAULT_APPLICATION_ID),
                s.get("INDICATORS_BOOTSTRAP_SERVERS", "localhost:9092"),
                s.get("INDICATORS_REGISTRY_URL", "http://localhost:8080"),
                s.getBoolean("INDICATORS_REGISTRY_AUTO_REGISTER", true),
                Path.of(s.get("INDICATORS_STATE_DIR", Path.of(System.getProperty("java.io.tmpdir"), "indicator-pipeline-streams").toString())),
                s.get("INDICATORS_PROCESSING_GUARANTEE", StreamsConfig.EXACTLY_ONCE_V2),
                s.getInt("INDICATORS_STREAMS_THREADS", DEFAULT_THREADS),
                s.getDuration("INDICATORS_COMMIT_INTERVAL", DEFAULT_PUBLICATION_CYCLE),
                s.getLong("INDICATORS_CACHE_MAX_BYTES", DEFAULT_CACHE_MAX_BYTES),
                s.getInt("INDICATORS_REPLICATION_FACTOR", -1),
                s.getDuration("INDICATORS_DEDUPE_HORIZON", Duration.ofDays(30)),
                s.getDuration("INDICATORS_REFRESH_INTERVAL", Duration.ofSeconds(60)),
                s.find("INDICATORS_STORES").map(StoreKind::parse).orElse(StoreKind.PERSISTENT),
                s.find(RegionTable.ENV_REGIONS_FILE).map(Path::of).orElse(null),
                Topics.fromEnvironment(s),
                EventLimits.fromSettings(s),
                kafkaOverrides(s),
                Map.of(),
                s.getDuration("INDICATORS_PUBLICATION_CYCLE", DEFAULT_PUBLICATION_CYCLE),
                s.getDuration("INDICATORS_PUBLICATION_CYCLE_MAX", DEFAULT_PUBLICATION_CYCLE_MAX));
    }

    /** {@code INDICATORS_APPLICATION_SERVER}, and the client security settings of {@code INDICATORS_KAFKA_CLIENT_CONFIG}. */
    private static Map<String, Object> kafkaOverrides(Settings s) {
        Map<String, Object> overrides = new java.util.HashMap<>();
        s.find("INDICATORS_APPLICATION_SERVER").ifPresent(v -> overrides.put(StreamsConfig.APPLICATION_SERVER_CONFIG, v));
        return dev.indicators.contract.access.KafkaClientSecurity.fromSettings(s).applyTo(overrides);
    }

    /** The built-in defaults, ignoring the environment. */
    public static StreamsSettings defaults() {
        return fromSettings(Settings.of(Map.of()));
    }

    /** The region table: {@link #regionsFile()} when set, else the bundled one. */
    public RegionTable regionTable() {
        return regionsFile == null ? RegionTable.bundled() : RegionTable.load(regionsFile);
    }

    /** The Kafka Streams configuration. */
    public Properties streamsProperties() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        if (commitInterval != null) p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, cacheMaxBytes);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // Under exactly-once nothing the app writes is visible before its transaction commits, so waiting to fill
        // larger, compressed batches costs no latency (the commit sends whatever is pending).
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 50);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        // A read_committed fetch that finds nothing committed waits this long; the default 500 ms was most of the
        // latency between the two stages.
        p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 20);
        p.putAll(kafkaOverrides);
        return p;
    }

    public StreamsSettings withApplicationId(String v) {
        return new StreamsSettings(v, bootstrapServers, registryUrl, registryAutoRegister, stateDir, processingGuarantee, threads, commitInterval,
                cacheMaxBytes, replicationFactor, dedupeHorizon, refreshInterval, storeKind, regionsFile, topics, limits, kafkaOverrides, registryOverrides, publicationCycle, publicationCycleMax);
    }

    public StreamsSettings withBootstrapServers(String v) {
        return new StreamsSettings(applicationId, v, registryUrl, registryAutoRegister, stateDir, processingGuarantee, threads, commitInterval,
                cacheMaxBytes, replicationFactor, dedupeHorizon, refreshInterval, storeKind, regionsFile, topics, limits, kafkaOverrides, registryOverrides, publicationCycle, publicationCycleMax);
    }

    public StreamsSettings withRegistryUrl(String v) {
        return new StreamsSettings(applicationId, bootstrapServers, v, registryAutoRegister, stateDir, processingGuarantee, threads, commitInterval,
                cacheMaxBytes, replicationFactor, dedupeHorizon, refreshInterval, storeKind, regionsFile, topics, limits, kafkaOverrides, registryOverrides, publicationCycle, publicationCycleMax);
    }

    public StreamsSettings withStateDir(Path v) {
        return new StreamsSettings(applicationId, bootstrapServers, registryUrl, registryAutoRegister, v, processingGuarantee, threads, commitInterval,
                cacheMaxBytes, replicationFactor, dedupeHorizon, refreshInterval, storeKind, regionsFile, topics, limits, kafkaOverrides, registryOverrides, publicationCycle, publicationCycleMax);
    }

    public StreamsSettings withTopics(Topics v) {
        return new StreamsSettings(applicationId, bootstrapServers, registryUrl, registryAutoRegister, stateDir, processingGuarantee, threads, commitInterval,
                cacheMaxBytes, replicationFactor, dedupeHorizon, refreshInterval, storeKind, regionsFile, v, limits, kafkaOverrides, registryOverrides, publicationCycle, publicationCycleMax);
    }

    public StreamsSettings withRefreshInterval(Duration v) {
        return new StreamsSettings(applicationId, bootstrapServers, registryUrl, registryAutoRegister, stateDir, processingGuarantee, threads, commitInterval,
                cacheMaxBytes, replicationFactor, dedupeHorizon, v, storeKind, regionsFile, topics, limits, kafkaOverrides, registryOverrides, publicationCycle, publicationCycleMax);
    }

    public StreamsSettings withDedupeHorizon(Duration v) {
        return new StreamsSettings(applicationId, bootstrapServers, registryUrl, registryAutoRegister, stateDir, processingGuarantee, threads, commitInterval,
                cacheMaxBytes, replicationFactor, v, refreshInterval, storeKind, regionsFile, topics, limits, kafkaOverrides, registryOverrides, publicationCycle, publicationCycleMax);
    }

    public StreamsSettings withProcessingGuarantee(String v) {
        return new StreamsSettings(applicationId, bootstrapServers, registryUrl, registryAutoRegister, stateDir, v, threads, commitInterval,
                cacheMaxBytes, replicationFactor, dedupeHorizon, refreshInterval, storeKind, regionsFile, topics, limits, kafkaOverrides, registryOverrides, publicationCycle, publicationCycleMax);
    }

    /** The publication cycle and the longest it may stretch to while the totals stage is behind. */
    public StreamsSettings withPublicationCycle(Duration cycle, Duration max) {
        return new StreamsSettings(applicationId, bootstrapServers, registryUrl, registryAutoRegister, stateDir, processingGuarantee, threads, commitInterval,
                cacheMaxBytes, replicationFactor, dedupeHorizon, refreshInterval, storeKind, regionsFile, topics, limits, kafkaOverrides, registryOverrides, cycle, max);
    }

    /** Adds (or replaces) one Kafka Streams / client property, e.g. {@code commit.interval.ms}. */
    public StreamsSettings withKafkaProperty(String key, Object value) {
        Map<String, Object> more = new HashMap<>(kafkaOverrides);
        more.put(key, value);
        return new StreamsSettings(applicationId, bootstrapServers, registryUrl, registryAutoRegister, stateDir, processingGuarantee, threads, commitInterval,
                cacheMaxBytes, replicationFactor, dedupeHorizon, refreshInterval, storeKind, regionsFile, topics, limits, more, registryOverrides, publicationCycle, publicationCycleMax);
    }

    /** Adds (or replaces) one Apicurio serde property, e.g. {@code apicurio.registry.find-latest}. */
    public StreamsSettings withRegistryProperty(String key, Object value) {
        Map<String, Object> more = new HashMap<>(registryOverrides);
        more.put(key, value);
        return new StreamsSettings(applicationId, bootstrapServers, registryUrl, registryAutoRegister, stateDir, processingGuarantee, threads, commitInterval,
                cacheMaxBytes, replicationFactor, dedupeHorizon, refreshInterval, storeKind, regionsFile, topics, limits, kafkaOverrides, more, publicationCycle, publicationCycleMax);
    }
}
