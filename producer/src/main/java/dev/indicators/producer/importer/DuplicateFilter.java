package dev.indicators.producer.importer;

/**
 * Remembers which eventIds an import has seen, in bounded memory: an open-addressing table of 64-bit eventId hashes
 * with 32 bits of content hash each (12 bytes a slot, at most 75% full: about 16-24 bytes per distinct event, so
 * 1 million events take ~24 MB and a 1 GB file of ~5 million events ~100 MB). No strings are kept.
 * Two different eventIds share a 64-bit hash with probability ~n²/2⁶⁵ (10⁻⁷ for 5 million events).
 * Not thread-safe: the importer calls it from its reading thread only.
 */
public final class DuplicateFilter {

    public enum Verdict {
        /** First time this eventId is seen. */
        NEW,
        /** Seen before with the same content: skip it, it would not change any total. */
        DUPLICATE,
        /** Seen before with different content: an eventId re-used for another event. */
        CONFLICT
    }

    private long[] keys;
    private int[] contents;
    private int size;
    private int mask;

    public DuplicateFilter() {
        this(1 << 16);
    }

    public DuplicateFilter(int initialCapacity) {
        int cap = Integer.highestOneBit(Math.max(16, initialCapacity - 1) << 1);
        keys = new long[cap];
        contents = new int[cap];
        mask = cap - 1;
    }

    public Verdict check(String eventId, long contentHash) {
        return check(ContentHash.of(eventId), (int) (contentHash ^ (contentHash >>> 32)));
    }

    Verdict check(long idHash, int content) {
        long key = idHash == 0 ? 1 : idHash; // 0 marks an empty slot
        int i = (int) (key ^ (key >>> 29)) & mask;
        while (true) {
            long k = keys[i];
            if (k == 0) {
                keys[i] = key;
                contents[i] = content;
                if (++size > (mask + 1) * 3L / 4) grow();
                return Verdict.NEW;
            }
            if (k == key) return contents[i] == content ? Verdict.DUPLICATE : Verdict.CONFLICT;
            i = (i + 1) & mask;
        }
    }

    public int size() {
        return size;
    }

    /** Bytes held by the table. */
    public long memoryBytes() {
        return keys.length * 12L;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldContents = contents;
        int cap = oldKeys.length * 2;
        keys = new long[cap];
        contents = new int[cap];
        mask = cap - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            long key = oldKeys[j];
            if (key == 0) continue;
            int i = (int) (key ^ (key >>> 29)) & mask;
            while (keys[i] != 0) i = (i + 1) & mask;
            keys[i] = key;
            contents[i] = oldContents[j];
        }
    }
}
