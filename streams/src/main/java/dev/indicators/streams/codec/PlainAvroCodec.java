package dev.indicators.streams.codec;

import dev.indicators.contract.EventType;
import dev.indicators.contract.avro.IndicatorTotal;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Plain Avro binary without a registry: the writer's schema is the one compiled into this build. A legitimate codec for
 * a pipeline whose producers share the build (and the codec of the topology tests); not wire-compatible with the
 * registry format, which prefixes a magic byte and a schema id.
 */
public final class PlainAvroCodec implements EventCodec {

    @Override
    public SpecificRecord decode(EventType type, String topic, Headers headers, byte[] value) {
        if (value == null) throw new IllegalArgumentException("record has no value");
        return AvroBinary.decode(type, value);
    }

    public byte[] encode(SpecificRecord event) {
        return AvroBinary.encode(event);
    }

    @Override
    public Serde<IndicatorTotal> totalSerde() {
        Serializer<IndicatorTotal> serializer = (topic, total) -> total == null ? null : AvroBinary.encode(total);
        Deserializer<IndicatorTotal> deserializer = (topic, bytes) -> bytes == null ? null : AvroBinary.decode(IndicatorTotal.class, bytes);
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
