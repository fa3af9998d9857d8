package dev.indicators.producer.ingest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * The answer to one ingest request: counts, a message when not everything was accepted, and the events in request
 * order. Every accepted, unavailable or failed event is listed; of the rejected ones only the first
 * {@link IngestSettings#maxErrorsListed()} are, the rest are counted in {@code rejectedNotListed}, so a body full of
 * errors gets a short answer.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"accepted", "rejected", "forbidden", "unavailable", "failed", "error", "rejectedNotListed", "events"})
public record IngestReply(int accepted, int rejected, Integer forbidden, int unavailable, Integer failed, String error, Integer rejectedNotListed,
                          List<EventOutcome> events) {

    /** The outcome of the request as a whole, in order of precedence. */
    public enum Outcome {
        /** Every event was accepted and acknowledged by Kafka. */
        ACCEPTED(202),
        /** Some events are invalid and were not published (the valid ones were). */
        INVALID(400),
        /** Some events are outside what the caller's token allows and were not published (the others were handled). */
        FORBIDDEN(403),
        /** Kafka refused some events for a reason other than being unreachable. */
        FAILED(500),
        /** Kafka (or the registry) did not acknowledge some events in time; re-sending them is safe. */
        UNAVAILABLE(503);

        private final int status;

        Outcome(int status) {
            this.status = status;
        }

        /** The HTTP status of a request with this outcome. */
        public int status() {
            return status;
        }
    }

    @JsonIgnore
    public Outcome outcome() {
        if (unavailable > 0) return Outcome.UNAVAILABLE;
        if (failed != null && failed > 0) return Outcome.FAILED;
        if (forbidden != null && forbidden > 0) return Outcome.FORBIDDEN;
        if (rejected > 0) return Outcome.INVALID;
        return Outcome.ACCEPTED;
    }
}
