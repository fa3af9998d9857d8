package dev.indicators.producer.ingest;

import dev.indicators.contract.EventType;
import dev.indicators.contract.validation.EventJson;
import dev.indicators.contract.validation.FieldError;
import dev.indicators.contract.validation.InvalidEventException;
import dev.indicators.contract.validation.ParsedEvent;
import dev.indicators.producer.publish.EventPublisher;
import dev.indicators.producer.publish.PublishException;
import dev.indicators.producer.publish.PublishResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Ingest without HTTP (the write side's counterpart of the streams' {@code TotalsQuery}): reads the events of one
 * request body as a stream under the {@link IngestSettings} limits, validates each event once ({@link EventJson} with
 * the publisher's rules), publishes the valid ones and waits for Kafka's acknowledgement up to the Kafka timeout.
 * <p>The HTTP layer maps {@link IngestReply#outcome()} to 202 / 400 / 500 / 503 and {@link IngestRefusedException}
 * to its status (413, 408, 415). Meters: {@code indicators.ingest.requests{status}},
 * {@code indicators.events.ingested{type}} and {@code indicators.events.ingest.rejected{type}}.
 */
public final class IngestService {

    /** Field errors listed per rejected event; the rest are summed up in one last entry. */
    static final int MAX_ERRORS_PER_EVENT = 10;

    private final EventPublisher publisher;
    private final EventJson json;
    private final IngestSettings settings;
    private final MeterRegistry meters;
    private final AcceptedEvents accepted;
    private final Map<EventType, Counter> ingested = new EnumMap<>(EventType.class);
    private final Map<EventType, Counter> rejected = new EnumMap<>(EventType.class);

    public IngestService(EventPublisher publisher, EventJson json, IngestSettings settings, MeterRegistry meters) {
        this.publisher = publisher;
        this.json = json;
        this.settings = settings;
        this.meters = meters == null ? new SimpleMeterRegistry() : meters;
        this.accepted = new AcceptedEvents(settings.receipts());
        for (EventType t : EventType.values()) {
            ingested.put(t, Counter.builder("indicators.events.ingested").tag("type", t.jsonName())
                    .description("events accepted over HTTP and acknowledged by Kafka").register(this.meters));
            rejected.put(t, Counter.builder("indicators.events.ingest.rejected").tag("type", t.jsonName())
                    .description("events refused over HTTP by validation").register(this.meters));
        }
    }

    public IngestSettings settings() {
        return settings;
    }

    /** Where the events this service accepted were stored (bounded, see {@link AcceptedEvents}). */
    public AcceptedEvents accepted() {
        return accepted;
    }

    /** Counts a request answered by the HTTP layer before it reached {@link #ingest} (e.g. 413 by Content-Length, 503 queue full). */
    public void countRequest(int status) {
        meters.counter("indicators.ingest.requests", "status", Integer.toString(status)).increment();
    }

    /** As {@link #ingest(InputStream, String)} for a body already in memory. */
    public IngestReply ingest(String body, String contentType) {
        return ingest(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), contentType);
    }

    /**
     * Reads, validates and publishes the events of one request body.
     *
     * @param contentType the body's media type: JSON, NDJSON, or null (read as JSON, several top-level objects allowed)
     * @throws IngestRefusedException when the body breaks a limit or is not JSON / NDJSON; nothing was published
     */
    public IngestReply ingest(InputStream body, String contentType) {
        return ingest(body, contentType, IngestCaller.anonymous());
    }

    /**
     * As above for an authenticated caller: each valid event outside {@code caller}'s scope is answered
     * {@code forbidden} and not published; the others are published with the caller's {@code published-by}.
     */
    public IngestReply ingest(InputStream body, String contentType, IngestCaller caller) {
        List<EventBody.Item> items;
        try {
            items = EventBody.read(body, contentType, settings);
        } catch (IngestRefusedException e) {
            countRequest(e.reason().status());
            throw e;
        }
        long deadline = System.nanoTime() + settings.kafkaTimeout().toNanos();
        int n = items.size();
        EventOutcome[] outcomes = new EventOutcome[n];
        ParsedEvent[] parsed = new ParsedEvent[n];
        @SuppressWarnings("unchecked")
        CompletableFuture<PublishResult>[] futures = new CompletableFuture[n];
        int invalid = 0, unavailable = 0, failed = 0, acceptedCount = 0, forbidden = 0;
        String unavailableReason = null;

        for (int i = 0; i < n; i++) {
            EventBody.Item item = items.get(i);
            ParsedEvent p = item.error() != null
                    ? ParsedEvent.rejected(Optional.empty(), null, List.of(item.error()))
                    : json.parse(item.node());
            parsed[i] = p;
            if (!p.valid()) {
                outcomes[i] = EventOutcome.rejected(item.index(), item.line(), p.eventId(), errors(p.errors()));
                p.type().ifPresent(t -> rejected.get(t).increment());
                invalid++;
                continue;
            }
            Optional<FieldError> refusal = caller.scope().refusal(p);
            if (refusal.isPresent()) {
                outcomes[i] = EventOutcome.forbidden(item.index(), item.line(), p.eventId(), errors(List.of(refusal.get())));
                forbidden++;
                continue;
            }
            if (unavailableReason != null || System.nanoTime() > deadline) {
                if (unavailableReason == null) unavailableReason = "Kafka did not answer within " + human(settings.kafkaTimeout());
                outcomes[i] = EventOutcome.unavailable(item.index(), item.line(), p.eventId(), "not sent: " + unavailableReason);
                unavailable++;
                continue;
            }
            try {
                futures[i] = caller.publishedBy().isPresent() ? publisher.publishParsed(p, caller.publishedBy().get()) : publisher.publishParsed(p);
            } catch (InvalidEventException ex) {
                outcomes[i] = EventOutcome.rejected(item.index(), item.line(), p.eventId(), errors(ex.errors()));
                invalid++;
            } catch (RuntimeException ex) {
                futures[i] = CompletableFuture.failedFuture(ex instanceof PublishException ? ex : new PublishException(p.eventId(), ex));
            }
        }

        for (int i = 0; i < n; i++) {
            if (futures[i] == null) continue;
            EventBody.Item item = items.get(i);
            String eventId = parsed[i].eventId();
            try {
                PublishResult r = futures[i].get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                outcomes[i] = EventOutcome.accepted(item.index(), item.line(), eventId, r.topic(), r.partition(), r.offset());
                accepted.remember(r);
                ingested.get(parsed[i].type().orElseThrow()).increment();
                acceptedCount++;
            } catch (TimeoutException ex) {
                outcomes[i] = EventOutcome.unavailable(item.index(), item.line(), eventId, "not acknowledged by Kafka within "
                        + human(settings.kafkaTimeout()) + "; it may still be stored, re-sending it is safe");
                unavailable++;
            } catch (ExecutionException ex) {
                Throwable cause = ex.getCause();
                PublishException pe = cause instanceof PublishException x ? x : new PublishException(eventId, cause);
                if (pe.unavailable()) {
                    outcomes[i] = EventOutcome.unavailable(item.index(), item.line(), eventId, "not published: " + PublishException.describe(pe.getCause()));
                    unavailable++;
                } else {
                    outcomes[i] = EventOutcome.failed(item.index(), item.line(), eventId, "not published: " + PublishException.describe(pe.getCause()));
                    failed++;
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                outcomes[i] = EventOutcome.unavailable(item.index(), item.line(), eventId, "interrupted while waiting for Kafka");
                unavailable++;
            }
        }

        List<EventOutcome> listed = new ArrayList<>(n);
        int rejectedListed = 0;
        for (EventOutcome o : outcomes) {
            if (o.status().equals("rejected") && rejectedListed++ >= settings.maxErrorsListed()) continue;
            listed.add(o);
        }
        int notListed = Math.max(0, invalid - settings.maxErrorsListed());
        String message = forbidden > 0 && unavailable == 0 && failed == 0
                ? forbidden + " of " + n + (n == 1 ? " event is" : " events are") + " outside what this token may publish and "
                + (forbidden == 1 ? "was" : "were") + " not published" + (acceptedCount > 0 ? "; the other " + acceptedCount
                + (acceptedCount == 1 ? " was" : " were") + " published" : "")
                : message(n, acceptedCount, invalid, unavailable, failed, notListed);
        IngestReply reply = new IngestReply(acceptedCount, invalid, forbidden > 0 ? forbidden : null, unavailable, failed > 0 ? failed : null,
                message, notListed > 0 ? notListed : null, listed);
        countRequest(reply.outcome().status());
        return reply;
    }

    /** The message of an answer that is not a plain success; it only speaks of "the others" when there are others. */
    private String message(int n, int accepted, int invalid, int unavailable, int failed, int notListed) {
        if (unavailable > 0) {
            return "Kafka could not be reached within " + human(settings.kafkaTimeout())
                    + "; retry the events marked unavailable later (re-sending an eventId is safe)";
        }
        if (failed > 0) return "Kafka refused " + failed + (failed == 1 ? " event" : " events");
        if (invalid == 0) return null;
        String what = n == 1 ? "the event is invalid and was not published"
                : invalid == n ? "all " + n + " events are invalid; none was published"
                : invalid + " of " + n + " events are invalid and were not published; the other " + accepted
                + (accepted == 1 ? " was" : " were") + " published";
        return notListed > 0 ? what + " (the first " + settings.maxErrorsListed() + " rejected events are listed, "
                + notListed + " more are counted in rejectedNotListed)" : what;
    }

    private static List<EventOutcome.Error> errors(List<FieldError> errors) {
        List<EventOutcome.Error> out = new ArrayList<>(Math.min(errors.size(), MAX_ERRORS_PER_EVENT + 1));
        for (int i = 0; i < errors.size() && i < MAX_ERRORS_PER_EVENT; i++) out.add(EventOutcome.Error.of(errors.get(i)));
        if (errors.size() > MAX_ERRORS_PER_EVENT) {
            out.add(new EventOutcome.Error("(more)", null, (errors.size() - MAX_ERRORS_PER_EVENT) + " more errors in this event not listed"));
        }
        return out;
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
