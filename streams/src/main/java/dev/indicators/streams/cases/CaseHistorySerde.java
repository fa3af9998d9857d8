package dev.indicators.streams.cases;

import dev.indicators.contract.EventType;
import dev.indicators.streams.codec.AvroBinary;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The stored form of a {@link CaseHistory}: version, count, then each event's arrival number and canonical content. */
public final class CaseHistorySerde implements Serde<CaseHistory> {

    private static final byte VERSION = 1;
    private final EventType type;

    public CaseHistorySerde(EventType type) {
        this.type = type;
    }

    @Override
    public Serializer<CaseHistory> serializer() {
        return (topic, history) -> {
            if (history == null) return null;
            try {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
                DataOutputStream out = new DataOutputStream(bytes);
                out.writeByte(VERSION);
                out.writeInt(history.events().size());
                for (CaseEvent e : history.events()) {
                    out.writeLong(e.arrival());
                    out.writeInt(e.content().length);
                    out.write(e.content());
                }
                return bytes.toByteArray();
            } catch (IOException e) {
                throw new SerializationException(e);
            }
        };
    }

    @Override
    public Deserializer<CaseHistory> deserializer() {
        return (topic, data) -> {
            if (data == null) return null;
            try {
                DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
                byte version = in.readByte();
                if (version != VERSION) throw new SerializationException("unknown case history format version " + version);
                int n = in.readInt();
                List<CaseEvent> events = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    long arrival = in.readLong();
                    byte[] content = in.readNBytes(in.readInt());
                    events.add(new CaseEvent(arrival, content, AvroBinary.decode(type, content)));
                }
                return new CaseHistory(events);
            } catch (IOException e) {
                throw new SerializationException(e);
            }
        };
    }
}
