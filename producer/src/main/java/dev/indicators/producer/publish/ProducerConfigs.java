package dev.indicators.producer.publish;

import dev.indicators.contract.serde.SchemaCachingDatumProvider;
import dev.indicators.contract.serde.SchemaIdCachingSerializer;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.strategy.TopicIdStrategy;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.HashMap;
import java.util.Map;

/**
 * The one place the project configures a Kafka producer of indicator events (publisher, import, ingest, simulator,
 * benchmark all come through here).
 * <ul>
 *   <li>Idempotent: {@code enable.idempotence=true}, {@code acks=all}, {@code max.in.flight.requests.per.connection=5}
 *       (the most idempotence allows while keeping per-partition order), unlimited retries bounded by
 *       {@code delivery.timeout.ms}. Retries cannot duplicate or reorder a partition's records.</li>
 *   <li>Throughput: {@code linger.ms}, {@code batch.size}, {@code compression.type} (lz4) from {@link PublisherSettings}.</li>
 *   <li>Key: the case key (caseId / certificateNo) as a UTF-8 string, so every event of a case lands on one partition.</li>
 *   <li>Value: Apicurio's {@link AvroKafkaSerializer} with its defaults for the wire format (4-byte id, contentId, no
 *       headers), which is Confluent's format (magic byte 0 + 4-byte schema id); schemas are found under the
 *       Confluent TopicNameStrategy subject {@code <topic>-value} ({@link TopicIdStrategy}) in the default group,
 *       and registered there when absent if {@link PublisherSettings#autoRegisterSchemas()}; with auto-registration
 *       off (secure mode) the subject's latest version, which the provisioning step registered.
 *       Note: the generated classes' schemas carry {@code "avro.java.string":"String"}, so they are not the same
 *       content as the {@code .avsc} files the platform registers at start-up; with auto-registration each subject
 *       then gets one more (identical in meaning, BACKWARD-compatible) version, found again on later runs.
 *       Wrapped in {@link SchemaIdCachingSerializer}: Apicurio writes the first record of each topic, the later ones
 *       reuse the schema id it found, with the same bytes.</li>
 * </ul>
 */
public final class ProducerConfigs {

    public static final String REGISTRY_URL = "apicurio.registry.url";
    public static final String AUTO_REGISTER = "apicurio.registry.auto-register";
    public static final String AUTO_REGISTER_IF_EXISTS = "apicurio.registry.auto-register.if-exists";
    public static final String ARTIFACT_RESOLVER_STRATEGY = "apicurio.registry.artifact-resolver-strategy";
    public static final String FIND_LATEST = "apicurio.registry.find-latest";
    public static final String CANONICALIZE = "apicurio.registry.canonicalize";
    public static final String AVRO_DATUM_PROVIDER = "apicurio.registry.avro-datum-provider";
    public static final String USE_SPECIFIC_AVRO_READER = "apicurio.registry.use-specific-avro-reader";

    private ProducerConfigs() {
    }

    /** The complete producer properties, serializers included. */
    public static Map<String, Object> producerProperties(PublisherSettings s) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, s.clientId());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        p.put(ProducerConfig.LINGER_MS_CONFIG, (int) s.linger().toMillis());
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, s.batchBytes());
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, s.bufferBytes());
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, s.compression());
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) s.requestTimeout().toMillis());
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) s.deliveryTimeout().toMillis());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, s.maxBlock().toMillis());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, SchemaIdCachingSerializer.class.getName());
        p.putAll(serializerConfig(s));
        p.putAll(s.extra());
        return p;
    }

    /** The Apicurio serializer's own settings (also usable to configure an {@link AvroKafkaSerializer} by hand). */
    public static Map<String, Object> serializerConfig(PublisherSettings s) {
        Map<String, Object> c = new HashMap<>();
        c.put(REGISTRY_URL, s.registryUrl());
        c.put(ARTIFACT_RESOLVER_STRATEGY, TopicIdStrategy.class.getName());
        c.put(AUTO_REGISTER, s.autoRegisterSchemas());
        c.put(AUTO_REGISTER_IF_EXISTS, "FIND_OR_CREATE_VERSION");
        c.put(CANONICALIZE, true);
        c.put(AVRO_DATUM_PROVIDER, SchemaCachingDatumProvider.class.getName());
        // Without auto-registration (secure mode: only the admin may register), the latest registered version of the
        // subject: Apicurio's lookup by content cannot find a schema whose enums it would have registered as references
        // (apicurio-registry#5208, #8968), and every event schema has enums. The provisioning step registers the
        // project's schemas, so the latest is the generated class's schema.
        if (!s.autoRegisterSchemas()) c.put(FIND_LATEST, true);
        return c;
    }

    /** Settings for an {@link AvroKafkaDeserializer} that returns the generated (specific) Avro classes. */
    public static Map<String, Object> deserializerConfig(String registryUrl) {
        Map<String, Object> c = new HashMap<>();
        c.put(REGISTRY_URL, PublisherSettings.normaliseRegistryUrl(registryUrl));
        c.put(USE_SPECIFIC_AVRO_READER, true);
        return c;
    }

    /** A producer configured as above. */
    public static Producer<String, SpecificRecord> createProducer(PublisherSettings s) {
        return new KafkaProducer<>(producerProperties(s));
    }
}
