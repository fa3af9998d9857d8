package dev.indicators.streams.codec;

import dev.indicators.contract.EventType;
import dev.indicators.contract.avro.IndicatorTotal;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serde;

/**
 * How the topology turns input bytes into events and totals into bytes. Input topics are read as raw bytes so that a
 * record that cannot be read is dead-lettered with its original bytes. Production uses {@link RegistryEventCodec}
 * (Apicurio serde, Confluent wire format); tests and registry-less tools use {@link PlainAvroCodec}.
 */
public interface EventCodec {

    /**
     * The event in {@code value}, read from {@code topic} (which carries events of {@code type}).
     *
     * @throws RuntimeException when the bytes are not a readable event; the message says why
     */
    SpecificRecord decode(EventType type, String topic, Headers headers, byte[] value);

    /** The serde of the totals topic's values. */
    Serde<IndicatorTotal> totalSerde();
}
