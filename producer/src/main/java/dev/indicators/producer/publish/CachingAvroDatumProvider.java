package dev.indicators.producer.publish;

import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumWriter;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Apicurio's {@link DefaultAvroDatumProvider}, minus one cost: the default computes the schema's parsing fingerprint
 * ({@code SchemaNormalization.parsingFingerprint64}) for every record to find its cached writer, which was ~15% of
 * the import's CPU. Generated classes hand out the same {@link Schema} instance every time, so writers are
 * memoised here by schema identity (and record class) first; anything else falls through to the default.
 * Installed by {@link ProducerConfigs} through {@code apicurio.registry.avro-datum-provider}.
 */
public class CachingAvroDatumProvider<T> extends DefaultAvroDatumProvider<T> {

    private static final int MAX_ENTRIES = 256;

    private final ConcurrentHashMap<Key, DatumWriter<T>> writers = new ConcurrentHashMap<>();

    public CachingAvroDatumProvider() {
        super();
    }

    @Override
    public DatumWriter<T> createDatumWriter(T data, Schema schema) {
        Key key = new Key(schema, data == null ? null : data.getClass());
        DatumWriter<T> w = writers.get(key);
        if (w != null) return w;
        w = super.createDatumWriter(data, schema);
        if (writers.size() < MAX_ENTRIES) writers.putIfAbsent(key, w);
        return w;
    }

    /** Identity of the schema object and the record class. */
    private static final class Key {
        private final Schema schema;
        private final Class<?> type;

        Key(Schema schema, Class<?> type) {
            this.schema = schema;
            this.type = type;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.schema == schema && k.type == type;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(schema) * 31 + System.identityHashCode(type);
        }
    }
}
