package dev.indicators.contract.cases;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The first 16 bytes of the SHA-256 of an event's canonical content (plain Avro binary of every field): equal content,
 * equal fingerprint. 128 bits keep the case state small and make an accidental collision between two contents of one
 * eventId negligible (about 2^-64 even for billions of events).
 */
public record EventFingerprint(byte[] bytes) {

    public static final int LENGTH = 16;

    /** One digest per thread: looking the algorithm up for every event costs more than hashing a small event. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    });

    public static EventFingerprint of(byte[] canonicalContent) {
        return new EventFingerprint(Arrays.copyOf(SHA_256.get().digest(canonicalContent), LENGTH));
    }

    public boolean sameAs(EventFingerprint other) {
        return MessageDigest.isEqual(bytes, other.bytes);
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
