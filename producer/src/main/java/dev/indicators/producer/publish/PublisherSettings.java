package dev.indicators.producer.publish;

import dev.indicators.contract.Settings;
import dev.indicators.contract.Topics;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a publisher needs to reach Kafka and the schema registry, read from {@link Settings}
 * (environment variables, or {@code -Dindicators.*} system properties):
 * <pre>
 * INDICATORS_BOOTSTRAP_SERVERS            127.0.0.1:9092
 * INDICATORS_REGISTRY_URL                 http://127.0.0.1:8081/apis/registry/v3  (Apicurio API; a bare http://host:port gets /apis/registry/v3)
 * INDICATORS_REGISTRY_AUTO_REGISTER       true   (register the event schema under &lt;topic&gt;-value if it is not there yet)
 * INDICATORS_PRODUCER_CLIENT_ID           indicators-producer
 * INDICATORS_PRODUCER_LINGER              20ms
 * INDICATORS_PRODUCER_BATCH_BYTES         262144
 * INDICATORS_PRODUCER_BUFFER_BYTES        67108864
 * INDICATORS_PRODUCER_COMPRESSION         lz4
 * INDICATORS_PRODUCER_REQUEST_TIMEOUT     30s
 * INDICATORS_PRODUCER_DELIVERY_TIMEOUT    2m    (how long a send may take in all, retries included)
 * INDICATORS_PRODUCER_MAX_BLOCK           60s   (how long publish() may block waiting for metadata or buffer space)
 * </pre>
 * Topic names come from {@link Topics#fromEnvironment(Settings)}. {@code extra} holds raw Kafka producer
 * properties that win over everything else (use sparingly; {@link ProducerConfigs} documents what is fixed).
 */
public record PublisherSettings(
        String bootstrapServers,
        String registryUrl,
        boolean autoRegisterSchemas,
        String clientId,
        Duration linger,
        int batchBytes,
        long bufferBytes,
        String compression,
        Duration requestTimeout,
        Duration deliveryTimeout,
        Duration maxBlock,
        Topics topics,
        Map<String, Object> extra) {

    public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";
    public static final String DEFAULT_REGISTRY = "http://127.0.0.1:8081/apis/registry/v3";

    public PublisherSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(registryUrl, "registryUrl");
        Objects.requireNonNull(topics, "topics");
        registryUrl = normaliseRegistryUrl(registryUrl);
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    public static PublisherSettings defaults() {
        return fromSettings(Settings.of(Map.of()));
    }

    public static PublisherSettings fromEnvironment() {
        return fromSettings(Settings.system());
    }

    public static PublisherSettings fromSettings(Settings s) {
        return new PublisherSettings(
                s.get("INDICATORS_BOOTSTRAP_SERVERS", DEFAULT_BOOTSTRAP),
                s.get("INDICATORS_REGISTRY_URL", DEFAULT_REGISTRY),
                s.getBoolean("INDICATORS_REGISTRY_AUTO_REGISTER", true),
                s.get("INDICATORS_PRODUCER_CLIENT_ID", "indicators-producer"),
                s.getDuration("INDICATORS_PRODUCER_LINGER", Duration.ofMillis(20)),
                s.getInt("INDICATORS_PRODUCER_BATCH_BYTES", 256 * 1024),
                s.getLong("INDICATORS_PRODUCER_BUFFER_BYTES", 64L * 1024 * 1024),
                s.get("INDICATORS_PRODUCER_COMPRESSION", "lz4"),
                s.getDuration("INDICATORS_PRODUCER_REQUEST_TIMEOUT", Duration.ofSeconds(30)),
                s.getDuration("INDICATORS_PRODUCER_DELIVERY_TIMEOUT", Duration.ofMinutes(2)),
                s.getDuration("INDICATORS_PRODUCER_MAX_BLOCK", Duration.ofSeconds(60)),
                Topics.fromEnvironment(s),
                // the client security settings (SASL, TLS) of INDICATORS_KAFKA_CLIENT_CONFIG, if any
                Map.copyOf(dev.indicators.contract.access.KafkaClientSecurity.fromSettings(s).properties()));
    }

    public PublisherSettings withBootstrapServers(String servers) {
        return new PublisherSettings(servers, registryUrl, autoRegisterSchemas, clientId, linger, batchBytes, bufferBytes,
                compression, requestTimeout, deliveryTimeout, maxBlock, topics, extra);
    }

    public PublisherSettings withRegistryUrl(String url) {
        return new PublisherSettings(bootstrapServers, url, autoRegisterSchemas, clientId, linger, batchBytes, bufferBytes,
                compression, requestTimeout, deliveryTimeout, maxBlock, topics, extra);
    }

    public PublisherSettings withClientId(String id) {
        return new PublisherSettings(bootstrapServers, registryUrl, autoRegisterSchemas, id, linger, batchBytes, bufferBytes,
                compression, requestTimeout, deliveryTimeout, maxBlock, topics, extra);
    }

    public PublisherSettings withTopics(Topics t) {
        return new PublisherSettings(bootstrapServers, registryUrl, autoRegisterSchemas, clientId, linger, batchBytes, bufferBytes,
                compression, requestTimeout, deliveryTimeout, maxBlock, t, extra);
    }

    /**
     * Bounds how long a send may wait for Kafka: {@code max.block.ms} (metadata, buffer space) becomes {@code timeout};
     * request and delivery timeouts shrink to fit if they are longer. Used by HTTP ingest, whose answer must come in time.
     */
    public PublisherSettings withSendTimeout(Duration timeout) {
        Duration request = min(requestTimeout, timeout);
        Duration delivery = max(min(deliveryTimeout, timeout.multipliedBy(2)), request.plus(linger));
        return new PublisherSettings(bootstrapServers, registryUrl, autoRegisterSchemas, clientId, linger, batchBytes, bufferBytes,
                compression, request, delivery, timeout, topics, extra);
    }

    public PublisherSettings withExtra(Map<String, Object> more) {
        Map<String, Object> merged = new java.util.HashMap<>(extra);
        merged.putAll(more);
        return new PublisherSettings(bootstrapServers, registryUrl, autoRegisterSchemas, clientId, linger, batchBytes, bufferBytes,
                compression, requestTimeout, deliveryTimeout, maxBlock, topics, merged);
    }

    /** A URL without an {@code /apis/} path is taken as the registry's base address and gets {@code /apis/registry/v3}. */
    static String normaliseRegistryUrl(String url) {
        String u = url.trim();
        while (u.endsWith("/")) u = u.substring(0, u.length() - 1);
        if (!u.contains("/apis/")) u = u + "/apis/registry/v3";
        return u;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
