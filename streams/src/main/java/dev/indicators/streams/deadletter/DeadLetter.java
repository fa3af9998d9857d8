package dev.indicators.streams.deadletter;

import dev.indicators.contract.EventType;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A record refused by the pipeline: its original key and value bytes, its original headers, and headers that say why
 * and where it came from ({@link #REASON}, {@link #DETAIL}, {@link #SOURCE_TOPIC}, {@link #SOURCE_PARTITION},
 * {@link #SOURCE_OFFSET}, {@link #EVENT_TYPE}).
 */
public record DeadLetter(byte[] key, byte[] value, Headers headers, DeadLetterReason reason) {

    public static final String REASON = "dlq.reason";
    public static final String DETAIL = "dlq.detail";
    public static final String SOURCE_TOPIC = "dlq.source.topic";
    public static final String SOURCE_PARTITION = "dlq.source.partition";
    public static final String SOURCE_OFFSET = "dlq.source.offset";
    public static final String EVENT_TYPE = "dlq.event.type";
    /** Longest {@code dlq.detail} kept, in characters. */
    public static final int MAX_DETAIL = 4000;

    public static DeadLetter of(byte[] key, byte[] value, Headers original, DeadLetterReason reason, String detail,
                                Optional<RecordMetadata> source, EventType type) {
        RecordHeaders headers = new RecordHeaders();
        if (original != null) original.forEach(h -> {
            if (!h.key().startsWith("dlq.")) headers.add(h);
        });
        add(headers, REASON, reason.label());
        add(headers, DETAIL, detail == null ? "" : detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL - 3) + "..." : detail);
        source.ifPresent(m -> {
            add(headers, SOURCE_TOPIC, m.topic());
            add(headers, SOURCE_PARTITION, Integer.toString(m.partition()));
            add(headers, SOURCE_OFFSET, Long.toString(m.offset()));
        });
        add(headers, EVENT_TYPE, type.jsonName());
        return new DeadLetter(key, value, headers, reason);
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.add(name, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    /** The UTF-8 text of a header of this dead letter, or null. */
    public String header(String name) {
        var h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
