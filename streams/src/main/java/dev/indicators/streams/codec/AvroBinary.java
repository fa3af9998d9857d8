package dev.indicators.streams.codec;

import dev.indicators.contract.EventType;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Plain Avro binary (no registry, no header) of the contract's generated classes, with the schema compiled into this
 * build. Used as the canonical content of an event (fingerprints, case state) and by {@link PlainAvroCodec}.
 */
public final class AvroBinary {

    /** Datum readers and writers resolve their schema once; Avro's are safe to share between threads. */
    private static final ClassValue<SpecificDatumWriter<SpecificRecord>> WRITERS = new ClassValue<>() {
        @Override
        @SuppressWarnings("unchecked")
        protected SpecificDatumWriter<SpecificRecord> computeValue(Class<?> type) {
            return new SpecificDatumWriter<>((Class<SpecificRecord>) type);
        }
    };
    private static final ClassValue<SpecificDatumReader<?>> READERS = new ClassValue<>() {
        @Override
        protected SpecificDatumReader<?> computeValue(Class<?> type) {
            return new SpecificDatumReader<>(type);
        }
    };

    private AvroBinary() {
    }

    public static byte[] encode(SpecificRecord record) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(bytes, null);
            WRITERS.get(record.getClass()).write(record, encoder);
            encoder.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads {@code bytes} written with the compiled schema of {@code type}; throws on bytes that are not such a record. */
    public static <T extends SpecificRecord> T decode(Class<T> type, byte[] bytes) {
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, null);
            T value = type.cast(READERS.get(type).read(null, decoder));
            if (!decoder.isEnd()) {
                throw new IllegalArgumentException("trailing bytes after a " + type.getSimpleName());
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("not a " + type.getSimpleName() + " in plain Avro binary: " + e.getMessage(), e);
        }
    }

    public static Class<? extends SpecificRecord> classOf(EventType type) {
        return type.descriptor().recordClass();
    }

    public static SpecificRecord decode(EventType type, byte[] bytes) {
        return decode(classOf(type), bytes);
    }
}
