package dev.indicators.app.http;

import dev.indicators.app.access.AccessRefusedException;
import dev.indicators.app.access.HttpAccess;
import dev.indicators.producer.ingest.IngestCaller;
import dev.indicators.producer.ingest.IngestRefusedException;
import dev.indicators.producer.ingest.IngestReply;
import dev.indicators.producer.ingest.IngestService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.io.IOException;
import java.util.Map;

/**
 * {@code POST /api/v1/events}: one JSON event, a JSON array of events, or NDJSON (Content-Type
 * {@code application/x-ndjson}, or several top-level objects in a JSON body), handed to {@link IngestService}.
 * <ul>
 *   <li><b>202</b> every event was accepted and acknowledged by Kafka (each listed with topic, partition, offset);</li>
 *   <li><b>401</b> with bearer tokens configured ({@link HttpAccess}): no, unknown or revoked token; <b>429</b> with
 *       Retry-After: above the token's rate; <b>403</b> some events are outside the token's department, regions or
 *       event types (each named, with what the token allows); the others were handled as usual;</li>
 *   <li><b>400</b> some events are invalid (each with its field errors); the valid events of the request were published;</li>
 *   <li><b>408</b> the body did not arrive in time; <b>413</b> too many bytes or events (the message names the limit);
 *       <b>415</b> a Content-Type that is neither JSON nor NDJSON: nothing of such a request was published;</li>
 *   <li><b>503</b> with Retry-After: Kafka did not acknowledge in time (re-sending the same eventIds is safe), or ingest
 *       is busy ({@link IngestQueue});</li>
 *   <li><b>500</b> Kafka refused events for another reason.</li>
 * </ul>
 */
public final class IngestRoutes implements Routes {

    public static final String PATH = "/api/v1/events";

    private final IngestService ingest;
    private final HttpAccess access;

    public IngestRoutes(IngestService ingest) {
        this(ingest, HttpAccess.open());
    }

    /** With bearer tokens: 401 without a valid one, 429 above its rate, 403 for each event outside its scope. */
    public IngestRoutes(IngestService ingest, HttpAccess access) {
        this.ingest = ingest;
        this.access = access;
    }

    @Override
    public void addTo(RoutesConfig routes, HttpSettings settings) {
        routes.post(PATH, this::post);
    }

    @Override
    public Map<String, String> describe() {
        return Map.of("POST " + PATH, "events: one JSON object, an array, or NDJSON");
    }

    private void post(Context ctx) throws IOException {
        IngestCaller caller;
        try {
            caller = access.publisher(ctx.header("Authorization"));
        } catch (AccessRefusedException e) {
            ingest.countRequest(e.status());
            throw e;
        }
        String length = ctx.header("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > ingest.settings().maxBytes()) {
                    ingest.countRequest(413);
                    throw IngestRefusedException.tooManyBytes(ingest.settings().maxBytes());
                }
            } catch (NumberFormatException ignored) {
                // a malformed Content-Length is Jetty's to refuse; read and see
            }
        }
        IngestReply reply = ingest.ingest(ctx.req().getInputStream(), ctx.header("Content-Type"), caller);
        int status = reply.outcome().status();
        if (status == 503) ctx.header("Retry-After", Long.toString(Math.max(1, ingest.settings().retryAfter().toSeconds())));
        ctx.status(status).json(reply);
    }
}
