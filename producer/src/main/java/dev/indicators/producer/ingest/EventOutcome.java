package dev.indicators.producer.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.indicators.contract.validation.FieldError;

import java.util.List;

/**
 * What became of one event of a request: {@code accepted} (with where Kafka stored it), {@code rejected} (with its
 * field errors), {@code unavailable} (Kafka did not answer; re-sending is safe) or {@code failed}.
 * {@code line} is set for NDJSON bodies.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"index", "line", "eventId", "status", "topic", "partition", "offset", "reason", "errors"})
public record EventOutcome(int index, Long line, String eventId, String status, String topic, Integer partition, Long offset,
                           String reason, List<Error> errors) {

    /** One field error as sent to the client: the value is shortened when long, saying how long it was. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"field", "value", "reason"})
    public record Error(String field, String value, String reason) {

        static final int MAX_VALUE = 100;

        static Error of(FieldError e) {
            String v = e.value();
            if (v != null && v.length() > MAX_VALUE) {
                v = v.substring(0, MAX_VALUE) + "... (" + v.length() + " characters)";
            }
            return new Error(e.field(), v, e.reason());
        }
    }

    static EventOutcome accepted(int index, Long line, String eventId, String topic, int partition, long offset) {
        return new EventOutcome(index, line, eventId, "accepted", topic, partition, offset, null, null);
    }

    static EventOutcome rejected(int index, Long line, String eventId, List<Error> errors) {
        return new EventOutcome(index, line, eventId, "rejected", null, null, null, null, errors);
    }

    /** Valid, but outside the caller's scope (department, regions, event types): not published. */
    static EventOutcome forbidden(int index, Long line, String eventId, List<Error> errors) {
        return new EventOutcome(index, line, eventId, "forbidden", null, null, null, null, errors);
    }

    static EventOutcome unavailable(int index, Long line, String eventId, String reason) {
        return new EventOutcome(index, line, eventId, "unavailable", null, null, null, reason, null);
    }

    static EventOutcome failed(int index, Long line, String eventId, String reason) {
        return new EventOutcome(index, line, eventId, "failed", null, null, null, reason, null);
    }
}
