package dev.indicators.producer.importer;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/** 64-bit hashes of event ids and of event content (FNV-1a over the characters, then MurmurHash3's finaliser). */
public final class ContentHash {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private ContentHash() {
    }

    public static long of(String s) {
        return fmix(update(FNV_OFFSET, s));
    }

    /** The hash of every field's value, in schema order; equal events (after canonicalisation) hash equally. */
    public static long of(SpecificRecord event) {
        long h = FNV_OFFSET;
        for (Schema.Field f : event.getSchema().getFields()) {
            Object v = event.get(f.pos());
            if (v == null) h = update(h, "\u0000null");
            else if (v instanceof CharSequence cs) h = update(h, cs);
            else if (v instanceof java.time.Instant i) h = mix(h, i.toEpochMilli());
            else if (v instanceof Enum<?> e) h = update(h, e.name());
            else if (v instanceof Boolean b) h = mix(h, b ? 1 : 2);
            else h = update(h, v.toString());
            h = (h ^ 0x1F) * FNV_PRIME;
        }
        return fmix(h);
    }

    private static long mix(long h, long v) {
        for (int i = 0; i < 8; i++) {
            h ^= (v >>> (i * 8)) & 0xff;
            h *= FNV_PRIME;
        }
        return h;
    }

    private static long update(long h, CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= FNV_PRIME;
        }
        return h;
    }

    private static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
