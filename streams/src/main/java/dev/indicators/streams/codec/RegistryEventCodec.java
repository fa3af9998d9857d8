package dev.indicators.streams.codec;

import dev.indicators.contract.serde.SchemaCachingDatumProvider;
import dev.indicators.contract.serde.SchemaIdCachingSerializer;
import dev.indicators.contract.EventType;
import dev.indicators.contract.avro.IndicatorTotal;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.config.SerdeConfig;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

import com.microsoft.kiota.ApiException;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.HashMap;
import java.util.concurrent.TimeoutException;
import java.util.Map;

/**
 * Avro through Apicurio Registry with the serde's defaults: Confluent wire format (magic byte 0, 4-byte content id, no
 * headers), subjects by TopicNameStrategy ({@code <topic>-value}). Events are read into the contract's generated
 * classes ({@code apicurio.registry.use-specific-avro-reader}); the IndicatorTotal schema is found in, or registered
 * to, the registry ({@code apicurio.registry.auto-register} with FIND_OR_CREATE_VERSION) once, then written with its
 * id kept ({@link SchemaIdCachingSerializer}). Readers and writers are memoised per schema ({@link SchemaCachingDatumProvider}).
 */
public final class RegistryEventCodec implements EventCodec, AutoCloseable {

    /** The path of Apicurio's own REST API, appended to a registry URL given without one. */
    public static final String API_PATH = "/apis/registry/v3";

    private final AvroKafkaDeserializer<Object> eventDeserializer;
    private final SchemaIdCachingSerializer<IndicatorTotal> totalSerializer;
    private final AvroKafkaDeserializer<Object> totalDeserializer;

    public RegistryEventCodec(String registryUrl, boolean autoRegister, Map<String, ?> overrides) {
        Map<String, Object> config = config(registryUrl, autoRegister, overrides);
        this.eventDeserializer = new AvroKafkaDeserializer<>();
        this.eventDeserializer.configure(config, false);
        this.totalSerializer = new SchemaIdCachingSerializer<>();
        this.totalSerializer.configure(config, false);
        this.totalDeserializer = new AvroKafkaDeserializer<>();
        this.totalDeserializer.configure(config, false);
    }

    public RegistryEventCodec(String registryUrl) {
        this(registryUrl, true, Map.of());
    }

    /** The serde configuration: registry URL (with the API path), specific reader, auto-registration, then overrides. */
    public static Map<String, Object> config(String registryUrl, boolean autoRegister, Map<String, ?> overrides) {
        Map<String, Object> config = new HashMap<>();
        config.put(SerdeConfig.REGISTRY_URL, apiUrl(registryUrl));
        config.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
        config.put(SerdeConfig.AUTO_REGISTER_ARTIFACT, autoRegister);
        config.put(AvroSerdeConfig.AVRO_DATUM_PROVIDER, SchemaCachingDatumProvider.class.getName());
        config.putAll(overrides);
        return config;
    }

    /** {@code http://host:8080} becomes {@code http://host:8080/apis/registry/v3}; a URL that names an API path is kept. */
    public static String apiUrl(String registryUrl) {
        if (registryUrl == null || registryUrl.isBlank()) throw new IllegalArgumentException("the schema registry URL is required");
        String url = registryUrl.trim();
        while (url.endsWith("/")) url = url.substring(0, url.length() - 1);
        return url.contains("/apis/") ? url : url + API_PATH;
    }

    /**
     * @throws RegistryUnavailableException when the registry could not be asked (the record may be fine)
     * @throws RuntimeException when the bytes are not a readable event: wrong magic byte, a schema id the registry
     *                          does not know (404), bytes that do not match the schema
     */
    @Override
    public SpecificRecord decode(EventType type, String topic, Headers headers, byte[] value) {
        if (value == null) throw new IllegalArgumentException("record has no value");
        if (value.length == 0) throw new IllegalArgumentException("record value is empty (0 bytes)");
        if (value[0] != 0) {
            throw new IllegalArgumentException(String.format("not in the Confluent wire format (first byte 0x%02x; expected 0x00, "
                    + "a 4-byte schema id, then Avro): not written by a registry serializer", value[0] & 0xff));
        }
        if (value.length < 5) {
            throw new IllegalArgumentException("not in the Confluent wire format: " + value.length + " bytes, shorter than the 5-byte header");
        }
        Object decoded;
        try {
            decoded = eventDeserializer.deserialize(topic, headers, value);
        } catch (RuntimeException e) {
            if (isRegistryUnavailable(e)) {
                throw new RegistryUnavailableException("schema registry unavailable while reading a record of " + topic + ": " + e.getMessage(), e);
            }
            if (isNotFound(e)) {
                // The registry's own message for this ("ProblemDetails <- ProblemDetails") says nothing a person can use.
                throw new IllegalArgumentException("schema id " + java.nio.ByteBuffer.wrap(value, 1, 4).getInt()
                        + " is unknown to the registry (the record names a schema the registry does not hold)");
            }
            throw e;
        }
        if (decoded instanceof SpecificRecord record) return record;
        throw new IllegalArgumentException("registry schema does not name a contract class: read a "
                + (decoded == null ? "null" : decoded.getClass().getName()));
    }

    /**
     * Whether a failure comes from the registry rather than from the record: a network failure or timeout, or an HTTP
     * error other than 404 (an unknown schema id is a property of the record).
     */
    public static boolean isRegistryUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RegistryUnavailableException) return true;
            if (t instanceof ApiException api) return api.getResponseStatusCode() != 404;
            if (t instanceof SocketException || t instanceof UnknownHostException || t instanceof SocketTimeoutException
                    || t instanceof TimeoutException || t instanceof HttpTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNotFound(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ApiException api) return api.getResponseStatusCode() == 404;
        }
        return false;
    }

    @Override
    public Serde<IndicatorTotal> totalSerde() {
        Serializer<IndicatorTotal> serializer = totalSerializer;
        Deserializer<IndicatorTotal> deserializer = (topic, bytes) -> (IndicatorTotal) totalDeserializer.deserialize(topic, bytes);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    @Override
    public void close() {
        eventDeserializer.close();
        totalSerializer.close();
        totalDeserializer.close();
    }
}
