package dev.indicators.app.live;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Where a reader of the totals topic stands: for each partition, the offset of the next record to read. It is the
 * {@code id} of every server-sent event, so a client that reconnects with {@code Last-Event-ID} resumes exactly after
 * the last change it received, on any instance (offsets are the topic's, not the process's). Written
 * {@code partition:offset} pairs joined by commas, e.g. {@code 0:1523,1:877,2:1040}.
 */
public record StreamPosition(SortedMap<Integer, Long> nextOffsets) {

    private static final Pattern TEXT = Pattern.compile("\\d{1,6}:\\d{1,19}(,\\d{1,6}:\\d{1,19})*");

    public StreamPosition {
        nextOffsets = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(nextOffsets));
    }

    public static StreamPosition of(Map<Integer, Long> nextOffsets) {
        return new StreamPosition(new TreeMap<>(nextOffsets));
    }

    /**
     * Reads an event id; a malformed one is refused naming the header and the value.
     *
     * @throws IllegalArgumentException with a message for the client
     */
    public static StreamPosition parse(String text) {
        if (text == null || !TEXT.matcher(text.trim()).matches()) {
            throw new IllegalArgumentException("Last-Event-ID '" + text + "' is not an event id of this stream "
                    + "(partition:offset pairs joined by commas, e.g. 0:1523,1:877)");
        }
        TreeMap<Integer, Long> m = new TreeMap<>();
        for (String pair : text.trim().split(",")) {
            int colon = pair.indexOf(':');
            m.put(Integer.parseInt(pair.substring(0, colon)), Long.parseLong(pair.substring(colon + 1)));
        }
        return new StreamPosition(m);
    }

    /** The position after reading the record at {@code offset} of {@code partition}. */
    public StreamPosition after(int partition, long offset) {
        TreeMap<Integer, Long> m = new TreeMap<>(nextOffsets);
        m.merge(partition, offset + 1, Math::max);
        return new StreamPosition(m);
    }

    public long next(int partition) {
        return nextOffsets.getOrDefault(partition, 0L);
    }

    public String text() {
        StringBuilder b = new StringBuilder();
        nextOffsets.forEach((p, o) -> b.append(b.isEmpty() ? "" : ",").append(p).append(':').append(o));
        return b.toString();
    }

    @Override
    public String toString() {
        return text();
    }
}
