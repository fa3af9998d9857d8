package dev.indicators.contract.serde;

import com.microsoft.kiota.ApiException;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Apicurio's {@link AvroKafkaSerializer}, minus its cost per record: for every record it renders the record's schema
 * as JSON text ({@code Schema.toString}) and looks that text up to find the schema's id, which costs more than
 * encoding the record. Here the Apicurio serializer writes the first record of each topic and schema, finding or
 * registering the schema as configured, and the 5-byte prefix it wrote (magic byte 0 and the 4-byte id of the
 * Confluent wire format) is kept; every later record of that topic and schema gets the same prefix and the record's
 * Avro binary encoding, the bytes Apicurio would have written (shown by {@code SchemaIdCachingSerializerTest}).
 *
 * <p>Generated classes hand out one {@link Schema} instance each, so the cache is keyed by identity. With the schema id
 * in headers ({@code apicurio.registry.headers.enabled}) or JSON encoding configured, every record goes to Apicurio.
 * Thread-safe: Kafka Streams shares one serializer between its stream threads. The first record of a topic and schema
 * is retried while the registry answers 409 Conflict: see {@link #firstRecord}.
 */
public final class SchemaIdCachingSerializer<T extends SpecificRecord> implements Serializer<T> {

    static final String HEADERS_ENABLED = "apicurio.registry.headers.enabled";
    static final int CONFLICT_ATTEMPTS = 4;
    static final long CONFLICT_BACKOFF_MS = 100;

    private final AvroKafkaSerializer<T> apicurio = new AvroKafkaSerializer<>();
    private final Map<Key, byte[]> prefixes = new ConcurrentHashMap<>();
    private final Map<Schema, SpecificDatumWriter<T>> writers = new ConcurrentHashMap<>();
    private volatile boolean alwaysApicurio;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        apicurio.configure(configs, isKey);
        alwaysApicurio = isKey
                || Boolean.parseBoolean(String.valueOf(configs.get(HEADERS_ENABLED)))
                || AvroSerdeConfig.AVRO_ENCODING_JSON.equalsIgnoreCase(String.valueOf(configs.get(AvroSerdeConfig.AVRO_ENCODING)));
    }

    @Override
    public byte[] serialize(String topic, T data) {
        return serialize(topic, null, data);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, T data) {
        if (data == null || alwaysApicurio) return apicurio.serialize(topic, headers, data);
        Schema schema = data.getSchema();
        Key key = new Key(topic, schema);
        byte[] prefix = prefixes.get(key);
        if (prefix == null) {
            byte[] bytes = firstRecord(topic, headers, data);
            if (bytes != null && bytes.length >= 5 && bytes[0] == 0) prefixes.putIfAbsent(key, Arrays.copyOf(bytes, 5));
            return bytes;
        }
        SpecificDatumWriter<T> writer = writers.computeIfAbsent(schema, SpecificDatumWriter::new);
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.write(prefix, 0, prefix.length);
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writer.write(data, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot encode a " + schema.getFullName() + " for " + topic + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /**
     * Apicurio's serializer, retried while the registry answers 409 Conflict. Several processes whose first record of a
     * topic needs a schema version the subject lacks all ask the registry to find or create it at once; the registry
     * (3.1) then creates it for one and answers the others "version already exists" (VersionAlreadyExistsException),
     * and Apicurio's resolver retries only a 429. Asked again, the registry finds the version the winner created.
     * A conflict that stays (an incompatible schema) fails after {@link #CONFLICT_ATTEMPTS} attempts, about 0.7 s.
     */
    private byte[] firstRecord(String topic, Headers headers, T data) {
        for (int attempt = 1; ; attempt++) {
            try {
                return apicurio.serialize(topic, headers, data);
            } catch (RuntimeException e) {
                if (attempt >= CONFLICT_ATTEMPTS || !isConflict(e)) throw e;
                try {
                    Thread.sleep(CONFLICT_BACKOFF_MS << (attempt - 1));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    static boolean isConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ApiException answer && answer.getResponseStatusCode() == 409) return true;
        }
        return false;
    }

    @Override
    public void close() {
        apicurio.close();
    }

    /** A topic (the subject is {@code <topic>-value}) and the identity of a schema object. */
    private record Key(String topic, Schema schema) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.schema == schema && k.topic.equals(topic);
        }

        @Override
        public int hashCode() {
            return topic.hashCode() * 31 + System.identityHashCode(schema);
        }
    }
}
