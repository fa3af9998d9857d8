package dev.indicators.app.routing;

import dev.indicators.streams.query.TotalsUnavailableException;
import io.javalin.http.Context;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Answers a query with the owner's answer: the same path and query string, sent to the instance that owns the
 * region, and its status, body, Content-Type and Retry-After passed back. A forwarded request carries
 * {@link #FORWARDED_BY}, and an instance that receives one answers from its own state or 503, never forwards again,
 * so two instances with different views of a rebalance cannot bounce a request between them.
 */
public final class OwnerForwarding {

    /** Names the instance that forwarded the request. */
    public static final String FORWARDED_BY = "X-Indicators-Forwarded-By";
    /** Names the instance whose state answered (on every totals answer). */
    public static final String ANSWERED_BY = "X-Indicators-Answered-By";

    private final HttpClient http;
    private final Duration timeout;
    private final String instanceId;

    public OwnerForwarding(String instanceId, Duration timeout) {
        this.instanceId = instanceId;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    public String instanceId() {
        return instanceId;
    }

    /** Whether this request was already forwarded by another instance. */
    public static boolean wasForwarded(Context ctx) {
        return ctx.header(FORWARDED_BY) != null;
    }

    public void forward(Context ctx, String ownerBaseUrl) {
        String query = ctx.queryString();
        URI uri = URI.create(ownerBaseUrl + ctx.path() + (query == null || query.isEmpty() ? "" : "?" + query));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header(FORWARDED_BY, instanceId).header("Accept", "application/json").build();
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new TotalsUnavailableException("the instance owning these totals (" + ownerBaseUrl + ") does not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TotalsUnavailableException("interrupted while asking " + ownerBaseUrl, e);
        }
        ctx.status(answer.statusCode());
        answer.headers().firstValue("Content-Type").ifPresent(ctx::contentType);
        // an owner that is shutting down refuses with its HTTP server's bare 503: the asker still gets a Retry-After
        answer.headers().firstValue("Retry-After").or(() -> answer.statusCode() == 503 ? java.util.Optional.of("1") : java.util.Optional.empty())
                .ifPresent(v -> ctx.header("Retry-After", v));
        answer.headers().firstValue(ANSWERED_BY).ifPresent(v -> ctx.header(ANSWERED_BY, v));
        ctx.result(answer.body());
    }
}
