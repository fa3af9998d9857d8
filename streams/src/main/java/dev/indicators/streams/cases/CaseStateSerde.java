package dev.indicators.streams.cases;

import dev.indicators.contract.cases.EventFingerprint;
import dev.indicators.contract.cases.CaseState;
import dev.indicators.contract.cases.CaseFact;
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

/**
 * The stored form of a {@link CaseState}: version 2, the number of events, then per event (in arrival order, so the
 * arrival number is implicit) its eventId, 16-byte fingerprint, occurredAt (epoch millis), region code, kind and
 * detail. About 60 bytes an event instead of the event's whole Avro content, and read without Avro.
 */
public final class CaseStateSerde implements Serde<CaseState> {

    private static final byte VERSION = 2;

    @Override
    public Serializer<CaseState> serializer() {
        return (topic, state) -> {
            if (state == null) return null;
            try {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + state.facts().size() * 64);
                DataOutputStream out = new DataOutputStream(bytes);
                out.writeByte(VERSION);
                out.writeInt(state.facts().size());
                for (CaseFact f : state.facts()) {
                    out.writeUTF(f.eventId());
                    out.write(f.fingerprint().bytes());
                    out.writeLong(f.occurredAtMillis());
                    out.writeUTF(f.regionCode());
                    out.writeByte(f.kind());
                    out.writeByte(f.detail());
                }
                return bytes.toByteArray();
            } catch (IOException e) {
                throw new SerializationException(e);
            }
        };
    }

    @Override
    public Deserializer<CaseState> deserializer() {
        return (topic, data) -> {
            if (data == null) return null;
            try {
                DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
                byte version = in.readByte();
                if (version != VERSION) throw new SerializationException("unknown case state format version " + version);
                int n = in.readInt();
                List<CaseFact> facts = new ArrayList<>(n + 1);
                for (int i = 0; i < n; i++) {
                    String eventId = in.readUTF();
                    byte[] fingerprint = in.readNBytes(EventFingerprint.LENGTH);
                    long at = in.readLong();
                    String region = in.readUTF();
                    int kind = in.readByte();
                    int detail = in.readByte();
                    facts.add(new CaseFact(i + 1, eventId, new EventFingerprint(fingerprint), at, region, kind, detail));
                }
                return new CaseState(facts);
            } catch (IOException e) {
                throw new SerializationException(e);
            }
        };
    }
}
