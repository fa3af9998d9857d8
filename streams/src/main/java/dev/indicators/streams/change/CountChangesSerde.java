package dev.indicators.streams.change;

import dev.indicators.streams.totals.UnknownIndicatorException;
import dev.indicators.contract.indicator.IndicatorName;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The internal wire form of {@link CountChanges} on the repartition topic: version, the indicator names used (so the
 * form does not depend on the enum's order), then each entry as region code, indicator number, epoch day, delta.
 */
public final class CountChangesSerde implements Serde<CountChanges> {

    private static final byte VERSION = 2;
    private static final IndicatorName[] INDICATORS = IndicatorName.values();

    @Override
    public Serializer<CountChanges> serializer() {
        return (topic, c) -> {
            if (c == null) return null;
            try {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + c.size() * 18);
                DataOutputStream out = new DataOutputStream(bytes);
                out.writeByte(VERSION);
                out.writeByte(INDICATORS.length);
                for (IndicatorName n : INDICATORS) out.writeUTF(n.text());
                out.writeInt(c.size());
                for (int i = 0; i < c.size(); i++) {
                    out.writeUTF(c.regionCode(i));
                    out.writeByte(c.indicator(i).ordinal());
                    out.writeInt(c.epochDay(i));
                    out.writeInt(c.delta(i));
                }
                return bytes.toByteArray();
            } catch (IOException e) {
                throw new SerializationException(e);
            }
        };
    }

    @Override
    public Deserializer<CountChanges> deserializer() {
        return (topic, data) -> {
            if (data == null) return null;
            try {
                DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
                byte version = in.readByte();
                if (version != VERSION) throw new SerializationException("unknown count changes format version " + version);
                int names = in.readUnsignedByte();
                int[] ordinal = new int[names];
                for (int i = 0; i < names; i++) ordinal[i] = UnknownIndicatorException.parse(in.readUTF()).ordinal();
                int n = in.readInt();
                CountChanges c = new CountChanges(n);
                Map<String, String> interned = new HashMap<>();
                for (int i = 0; i < n; i++) {
                    String region = in.readUTF();
                    String known = interned.putIfAbsent(region, region);
                    c.add(known == null ? region : known, ordinal[in.readUnsignedByte()], in.readInt(), in.readInt());
                }
                return c;
            } catch (IOException e) {
                throw new SerializationException(e);
            }
        };
    }
}
