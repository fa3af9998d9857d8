package dev.indicators.producer.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
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

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /api/v1/events}: one JSON event, a JSON array of events, or NDJSON (one event a line; Content-Type
 * {@code application/x-ndjson}, or detected when the body holds several top-level JSON values).
 * <p>Answers (JSON, {@code events} listing every event of the request by {@code index}, and {@code line} for NDJSON):
 * <ul>
 *   <li><b>202</b> every event was accepted and acknowledged by Kafka:
 *       {@code {"accepted":2,"rejected":0,"unavailable":0,"events":[{"index":0,"eventId":"e1","status":"accepted","topic":"indicators.mediation.v1","partition":0,"offset":12}, ...]}}</li>
 *   <li><b>400</b> some events are invalid: each has {@code "status":"rejected"} and
 *       {@code "errors":[{"field":"regionCode","value":"999999","reason":"unknown GB/T 2260 region code ..."}]};
 *       the valid events of the same request <em>were</em> published and say {@code "status":"accepted"}.
 *       Malformed JSON and an empty body are reported the same way, on the field {@code (json)} / {@code (body)}.</li>
 *   <li><b>413</b> the body is larger than {@link IngestSettings#maxBytes()} (no more than that is read).</li>
 *   <li><b>405</b> a method other than POST ({@code Allow: POST}); <b>404</b> another path.</li>
 *   <li><b>503</b> with {@code Retry-After}: Kafka (or the registry) did not acknowledge within
 *       {@link IngestSettings#kafkaTimeout()}; events with {@code "status":"unavailable"} may or may not be stored,
 *       re-sending them (same eventId) is safe.</li>
 *   <li><b>500</b> Kafka refused an event for another reason ({@code "status":"failed"}).</li>
 * </ul>
 * Meters: {@code indicators.ingest.requests{status}}, {@code indicators.events.ingested{type}} (accepted events) and
 * {@code indicators.events.ingest.rejected{type}}. Mount it on any {@link com.sun.net.httpserver.HttpServer} at {@link #PATH}.
 */
public final class IngestHandler implements HttpHandler {

    public static final String PATH = "/api/v1/events";
    public static final String NDJSON = "application/x-ndjson";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final EventPublisher publisher;
    private final EventJson json;
    private final IngestSettings settings;
    private final MeterRegistry meters;
    private final Map<EventType, Counter> ingested = new EnumMap<>(EventType.class);
    private final Map<EventType, Counter> rejected = new EnumMap<>(EventType.class);

    public IngestHandler(EventPublisher publisher, EventJson json, IngestSettings settings, MeterRegistry meters) {
        this.publisher = publisher;
        this.json = json;
        this.settings = settings;
        this.meters = meters == null ? new SimpleMeterRegistry() : meters;
        for (EventType t : EventType.values()) {
            ingested.put(t, Counter.builder("indicators.events.ingested").tag("type", t.jsonName())
                    .description("events accepted over HTTP and acknowledged by Kafka").register(this.meters));
            rejected.put(t, Counter.builder("indicators.events.ingest.rejected").tag("type", t.jsonName())
                    .description("events refused over HTTP by validation").register(this.meters));
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!path.equals(PATH) && !path.equals(PATH + "/")) {
                respond(exchange, 404, error("no such resource: " + path + "; events are posted to " + PATH));
                return;
            }
            if (!exchange.getRequestMethod().equalsIgnoreCase("POST")) {
                exchange.getResponseHeaders().set("Allow", "POST");
                respond(exchange, 405, error("method " + exchange.getRequestMethod() + " not allowed; POST events to " + PATH));
                return;
            }
            String length = exchange.getRequestHeaders().getFirst("Content-Length");
            if (length != null) {
                try {
                    if (Long.parseLong(length.trim()) > settings.maxBytes()) {
                        respond(exchange, 413, tooLarge());
                        return;
                    }
                } catch (NumberFormatException ignored) {
                    // read it and see
                }
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, settings.maxBytes() + 1));
            }
            if (body.length > settings.maxBytes()) {
                respond(exchange, 413, tooLarge());
                return;
            }
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            Answer answer = ingest(new String(body, StandardCharsets.UTF_8), contentType);
            if (answer.status == 503) {
                exchange.getResponseHeaders().set("Retry-After", Long.toString(Math.max(1, settings.retryAfter().toSeconds())));
            }
            respond(exchange, answer.status, answer.body);
        }
    }

    /** The result of one request: HTTP status and JSON body. */
    public record Answer(int status, ObjectNode body) {
    }

    private record Item(int index, Long line, JsonNode node, FieldError error) {
    }

    /** Parses, validates and publishes the events of one request body (the handler minus HTTP). */
    public Answer ingest(String body, String contentType) {
        long deadline = System.nanoTime() + settings.kafkaTimeout().toNanos();
        List<Item> items = split(body, contentType);
        int n = items.size();
        ObjectNode[] entries = new ObjectNode[n];
        @SuppressWarnings("unchecked")
        CompletableFuture<PublishResult>[] futures = new CompletableFuture[n];
        EventType[] types = new EventType[n];
        int accepted = 0, invalid = 0, unavailable = 0, failed = 0;
        String unavailableReason = null;

        for (int i = 0; i < n; i++) {
            Item item = items.get(i);
            ObjectNode e = MAPPER.createObjectNode().put("index", item.index);
            if (item.line != null) e.put("line", item.line);
            entries[i] = e;
            ParsedEvent parsed = item.error != null
                    ? ParsedEvent.rejected(java.util.Optional.empty(), null, List.of(item.error))
                    : json.parse(item.node);
            if (parsed.eventId() != null) e.put("eventId", parsed.eventId());
            if (!parsed.valid()) {
                rejectedEntry(e, parsed.errors());
                parsed.type().ifPresent(t -> rejected.get(t).increment());
                invalid++;
                continue;
            }
            types[i] = parsed.type().orElseThrow();
            if (unavailableReason != null || System.nanoTime() > deadline) {
                if (unavailableReason == null) unavailableReason = "Kafka did not answer within " + human(settings.kafkaTimeout());
                unavailableEntry(e, "not sent: " + unavailableReason);
                unavailable++;
                continue;
            }
            try {
                futures[i] = publisher.publish(parsed.event());
            } catch (InvalidEventException ex) {
                rejectedEntry(e, ex.errors());
                invalid++;
            } catch (RuntimeException ex) {
                futures[i] = CompletableFuture.failedFuture(ex instanceof PublishException ? ex : new PublishException(parsed.eventId(), ex));
            }
        }

        for (int i = 0; i < n; i++) {
            if (futures[i] == null) continue;
            ObjectNode e = entries[i];
            try {
                long wait = Math.max(0, deadline - System.nanoTime());
                PublishResult r = futures[i].get(wait, TimeUnit.NANOSECONDS);
                e.put("status", "accepted").put("topic", r.topic()).put("partition", r.partition()).put("offset", r.offset());
                ingested.get(types[i]).increment();
                accepted++;
            } catch (TimeoutException ex) {
                unavailableEntry(e, "not acknowledged by Kafka within " + human(settings.kafkaTimeout()) + "; it may still be stored, re-sending it is safe");
                unavailable++;
            } catch (ExecutionException ex) {
                Throwable cause = ex.getCause();
                PublishException pe = cause instanceof PublishException p ? p : new PublishException(e.path("eventId").asText(null), cause);
                if (pe.unavailable()) {
                    unavailableEntry(e, "not published: " + PublishException.describe(pe.getCause()));
                    unavailable++;
                } else {
                    e.put("status", "failed").put("reason", "not published: " + PublishException.describe(pe.getCause()));
                    failed++;
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                unavailableEntry(e, "interrupted while waiting for Kafka");
                unavailable++;
            }
        }

        int status = unavailable > 0 ? 503 : failed > 0 ? 500 : invalid > 0 ? 400 : 202;
        ObjectNode out = MAPPER.createObjectNode();
        out.put("accepted", accepted).put("rejected", invalid).put("unavailable", unavailable);
        if (failed > 0) out.put("failed", failed);
        switch (status) {
            case 503 -> out.put("error", "Kafka could not be reached within " + human(settings.kafkaTimeout())
                    + "; retry the events marked unavailable later (re-sending an eventId is safe)");
            case 500 -> out.put("error", "Kafka refused some events");
            case 400 -> out.put("error", invalid + " of " + n + " events are invalid and were not published; the others were published");
            default -> { }
        }
        ArrayNode events = out.putArray("events");
        for (ObjectNode e : entries) events.add(e);
        meters.counter("indicators.ingest.requests", "status", Integer.toString(status)).increment();
        return new Answer(status, out);
    }

    private static void rejectedEntry(ObjectNode e, List<FieldError> errors) {
        e.put("status", "rejected");
        ArrayNode errs = e.putArray("errors");
        for (FieldError fe : errors) {
            ObjectNode o = errs.addObject().put("field", fe.field());
            if (fe.value() == null) o.putNull("value");
            else o.put("value", fe.value());
            o.put("reason", fe.reason());
        }
    }

    private static void unavailableEntry(ObjectNode e, String reason) {
        e.put("status", "unavailable").put("reason", reason);
    }

    /** The events of a body: an object, an array, or NDJSON (by Content-Type, or several top-level values). */
    private List<Item> split(String body, String contentType) {
        String text = body.startsWith("\uFEFF") ? body.substring(1) : body;
        if (text.isBlank()) {
            return List.of(new Item(0, null, null, new FieldError("(body)", null,
                    "empty body: expected a JSON event, a JSON array of events, or NDJSON (one event a line)")));
        }
        boolean ndjson = contentType != null && contentType.toLowerCase(Locale.ROOT).contains("ndjson");
        if (!ndjson) {
            try {
                JsonNode root = MAPPER.readTree(text);
                if (root.isArray()) {
                    if (root.isEmpty()) {
                        return List.of(new Item(0, null, null, new FieldError("(body)", "[]", "empty array: no events")));
                    }
                    List<Item> items = new ArrayList<>(root.size());
                    for (int i = 0; i < root.size(); i++) items.add(new Item(i, null, root.get(i), null));
                    return items;
                }
                return List.of(new Item(0, null, root, null));
            } catch (JsonProcessingException e) {
                if (!firstLineIsJson(text)) {
                    return List.of(new Item(0, null, null, new FieldError("(json)", null, "malformed JSON: " + e.getOriginalMessage()
                            + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()))));
                }
                // several top-level values, one a line: NDJSON
            }
        }
        List<Item> items = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) continue;
            int index = items.size();
            try {
                items.add(new Item(index, (long) i + 1, MAPPER.readTree(line), null));
            } catch (JsonProcessingException e) {
                items.add(new Item(index, (long) i + 1, null, new FieldError("(json)", abbreviate(line), "malformed JSON: " + e.getOriginalMessage())));
            }
        }
        return items;
    }

    private static boolean firstLineIsJson(String text) {
        for (String line : text.split("\r?\n")) {
            if (line.isBlank()) continue;
            try {
                MAPPER.readTree(line);
                return true;
            } catch (JsonProcessingException e) {
                return false;
            }
        }
        return false;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    private ObjectNode tooLarge() {
        return error("request body larger than " + settings.maxBytes() + " bytes; send fewer events per request")
                .put("maxBytes", settings.maxBytes());
    }

    private ObjectNode error(String message) {
        return MAPPER.createObjectNode().put("error", message);
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private void respond(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        if (status == 413 || status == 405 || status == 404) {
            meters.counter("indicators.ingest.requests", "status", Integer.toString(status)).increment();
        }
        byte[] bytes = MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
