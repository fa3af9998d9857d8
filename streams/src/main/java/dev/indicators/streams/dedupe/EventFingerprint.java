package dev.indicators.streams.dedupe;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** SHA-256 of an event's canonical content (plain Avro binary of every field): equal content, equal fingerprint. */
public record EventFingerprint(byte[] bytes) {

    public static EventFingerprint of(byte[] canonicalContent) {
        try {
            return new EventFingerprint(MessageDigest.getInstance("SHA-256").digest(canonicalContent));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    public boolean sameAs(byte[] other) {
        return MessageDigest.isEqual(bytes, other);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventFingerprint f && Arrays.equals(bytes, f.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
