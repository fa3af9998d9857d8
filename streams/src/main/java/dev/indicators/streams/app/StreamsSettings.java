package dev.indicators.streams.app;

import dev.indicators.contract.Settings;
import dev.indicators.contract.config.SettingCatalogue;
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
 * Every knob of the streams app, in one place. {@link #fromSettings(Settings)} reads them through the definitions of
 * {@link SettingCatalogue} (names, defaults and descriptions: docs/configuration.md); the {@code with...} methods
 * override one for tests and embedding. The instance's {@code application.server} comes from
 * {@code INDICATORS_HTTP_ADVERTISED_URL}, the standby replicas from {@code INDICATORS_NUM_STANDBY_REPLICAS}, and the
 * cluster's client properties ({@code INDICATORS_KAFKA_CLIENT_CONFIG}) go unprefixed to every client of the app.
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
        // Raw Kafka properties that win over the fixed ones: the cluster's client properties (security), this
        // instance's advertised address for interactive queries, and the standby replicas.
        Map<String, Object> overrides = s.kafkaClientProperties().applyTo(new java.util.HashMap<>());
        s.find(SettingCatalogue.HTTP_ADVERTISED_URL).map(StreamsSettings::hostAndPort)
                .ifPresent(hp -> overrides.put(StreamsConfig.APPLICATION_SERVER_CONFIG, hp));
        overrides.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, s.value(SettingCatalogue.NUM_STANDBY_REPLICAS));
        return new StreamsSettings(
                s.value(SettingCatalogue.APPLICATION_ID),
                s.value(SettingCatalogue.BOOTSTRAP_SERVERS),
                s.value(SettingCatalogue.REGISTRY_URL),
                s.value(SettingCatalogue.REGISTRY_AUTO_REGISTER),
                s.value(SettingCatalogue.STATE_DIR),
                s.value(SettingCatalogue.PROCESSING_GUARANTEE),
                s.value(SettingCatalogue.STREAMS_THREADS),
                s.value(SettingCatalogue.COMMIT_INTERVAL),
                s.value(SettingCatalogue.CACHE_MAX_BYTES),
                s.value(SettingCatalogue.REPLICATION_FACTOR),
                s.value(SettingCatalogue.DEDUPE_HORIZON),
                s.value(SettingCatalogue.REFRESH_INTERVAL),
                StoreKind.parse(s.value(SettingCatalogue.STORES)),
                s.find(SettingCatalogue.REGIONS_FILE).orElse(null),
                Topics.fromEnvironment(s),
                EventLimits.fromSettings(s),
                overrides,
                Map.of(),
                s.value(SettingCatalogue.PUBLICATION_CYCLE),
                s.value(SettingCatalogue.PUBLICATION_CYCLE_MAX));
    }

    /** {@code http://host:port/...} as the {@code host:port} Kafka Streams' application.server wants. */
    static String hostAndPort(String url) {
        java.net.URI u = java.net.URI.create(url.contains("://") ? url : "http://" + url);
        if (u.getHost() == null || u.getPort() < 0) {
            throw new IllegalArgumentException("INDICATORS_HTTP_ADVERTISED_URL=" + url + " is not valid: expected http://host:port");
        }
        return u.getHost() + ":" + u.getPort();
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
