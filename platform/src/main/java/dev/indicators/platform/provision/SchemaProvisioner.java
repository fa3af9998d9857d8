package dev.indicators.platform.provision;

import dev.indicators.contract.Topics;
import dev.indicators.contract.EventType;
import dev.indicators.contract.avro.IndicatorTotal;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Registers the pipeline's Avro schemas (those of the generated classes of the schemas jar) at start-up, under Confluent's
 * TopicNameStrategy subjects ({@code <topic>-value}), and sets BACKWARD compatibility on each: a changed schema that
 * could not read older records is refused (409) instead of breaking the consumers.
 * Registering an unchanged schema again returns its existing id, so this is safe on every start.
 */
public final class SchemaProvisioner {

    public static final String COMPATIBILITY = "BACKWARD";
    private static final Logger log = LoggerFactory.getLogger(SchemaProvisioner.class);

    private final ConfluentSchemaApi api;

    /** @param confluentApiUrl e.g. {@code http://127.0.0.1:8081/apis/ccompat/v7} */
    public SchemaProvisioner(String confluentApiUrl) {
        this(confluentApiUrl, java.util.Optional.empty());
    }

    /** @param authorization the admin's {@code Authorization} header when the registry is write-protected */
    public SchemaProvisioner(String confluentApiUrl, java.util.Optional<String> authorization) {
        this.api = new ConfluentSchemaApi(confluentApiUrl, authorization);
    }

    /** Registers every schema and sets its compatibility; returns subject → schema id. */
    public Map<String, Integer> provision(Topics topics) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        schemas(topics).forEach((subject, schema) -> {
            // The rule first: a subject that exists already (a kept registry) checks our schema against it.
            api.setCompatibility(subject, COMPATIBILITY);
            int id = api.register(subject, schema.toString());
            ids.put(subject, id);
        });
        log.info("schemas registered at {} with {} compatibility: {}", api.baseUrl(), COMPATIBILITY, ids);
        return ids;
    }

    /**
     * Subject → schema, as the generated classes carry it (the {@code .avsc} files lack the {@code avro.java.string}
     * property the code generator adds): the streams app's IndicatorTotal serializer then finds this version and adds
     * none. The publisher's serializer still adds one per event subject, because it registers enums as references.
     */
    public static Map<String, Schema> schemas(Topics topics) {
        Map<String, Schema> result = new LinkedHashMap<>();
        for (EventType type : EventType.values()) result.put(valueSubject(topics.inputFor(type)), type.descriptor().schema());
        result.put(valueSubject(topics.totals()), IndicatorTotal.getClassSchema());
        return result;
    }

    /** Confluent's TopicNameStrategy for record values. */
    public static String valueSubject(String topic) {
        return topic + "-value";
    }

    /** The text of an {@code .avsc} shipped in the schemas jar. */
    public static String avsc(String resource) {
        try (InputStream in = SchemaProvisioner.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path (it ships in the schemas jar)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + resource, e);
        }
    }
}
