package dev.indicators.streams.totals;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.LocalDate;

/** The internal wire form of a {@link Contribution} on the repartition topic: version, region, indicator, epoch day, delta. */
public final class ContributionSerde implements Serde<Contribution> {

    private static final byte VERSION = 1;

    @Override
    public Serializer<Contribution> serializer() {
        return (topic, c) -> {
            if (c == null) return null;
            try {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream(48);
                DataOutputStream out = new DataOutputStream(bytes);
                out.writeByte(VERSION);
                out.writeUTF(c.regionCode());
                out.writeUTF(c.indicator().text());
                out.writeLong(c.day().toEpochDay());
                out.writeInt(c.delta());
                return bytes.toByteArray();
            } catch (IOException e) {
                throw new SerializationException(e);
            }
        };
    }

    @Override
    public Deserializer<Contribution> deserializer() {
        return (topic, data) -> {
            if (data == null) return null;
            try {
                DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
                byte version = in.readByte();
                if (version != VERSION) throw new SerializationException("unknown contribution format version " + version);
                return new Contribution(in.readUTF(), IndicatorName.parse(in.readUTF()), LocalDate.ofEpochDay(in.readLong()), in.readInt());
            } catch (IOException e) {
                throw new SerializationException(e);
            }
        };
    }
}
