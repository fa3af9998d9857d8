package dev.indicators.app.http;

import dev.indicators.app.health.Readiness;
import dev.indicators.app.support.Http;
import dev.indicators.streams.query.TotalsUnavailableException;
import dev.indicators.streams.totals.InvalidTotalsRequestException;
import io.javalin.config.RoutesConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The server every endpoint runs on: its one error mapping, the ingest queue and the graceful stop (no Kafka needed). */
class ApiServerSpec {

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private ApiServer server;

    /** Test endpoints: a request that waits until released, and one per exception the mapping knows. */
    private final Routes probe = new Routes() {
        @Override
        public void addTo(RoutesConfig routes, HttpSettings settings) {
            routes.post("/slow", ctx -> {
                entered.countDown();
                release.await(30, TimeUnit.SECONDS);
                ctx.result("done");
            });
            routes.get("/unavailable", ctx -> {
                throw new TotalsUnavailableException("totals are not readable now: rebalancing", null);
            });
            routes.get("/invalid", ctx -> {
                throw new InvalidTotalsRequestException("unknown period 'week:12'");
            });
            routes.get("/bug", ctx -> {
                throw new IllegalStateException("a bug");
            });
        }

        @Override
        public Map<String, String> describe() {
            return Map.of("POST /slow", "waits");
        }
    };

    private Http start(int concurrency, int queue) {
        HttpSettings settings = HttpSettings.defaults().withAddress("127.0.0.1", 0).withIngestQueue(concurrency, queue, Duration.ofSeconds(10));
        server = ApiServer.start(settings, List.of(probe, new HealthRoutes(new Readiness(List.of()))), "/slow");
        return new Http(server.baseUrl());
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) server.close();
    }

    private CompletableFuture<Http.Answer> slow(Http http) {
        return CompletableFuture.supplyAsync(() -> http.send(http.request("/slow").POST(HttpRequest.BodyPublishers.ofString("x")).build()));
    }

    @Test
    void each_exception_maps_to_its_status_with_a_json_error() {
        Http http = start(4, 16);
        Http.Answer unavailable = http.get("/unavailable");
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.response().headers().firstValue("Retry-After")).contains("2");
        assertThat(unavailable.body()).isEqualTo("{\"error\":\"totals are not readable now: rebalancing\"}");
        assertThat(http.get("/invalid").status()).isEqualTo(400);
        assertThat(http.get("/invalid").body()).isEqualTo("{\"error\":\"unknown period 'week:12'\"}");
        Http.Answer bug = http.get("/bug");
        assertThat(bug.status()).isEqualTo(500);
        assertThat(bug.json().path("error").asText()).isEqualTo("internal error: java.lang.IllegalStateException: a bug");
        Http.Answer nowhere = http.get("/nowhere");
        assertThat(nowhere.status()).isEqualTo(404);
        assertThat(nowhere.body()).isEqualTo("{\"error\":\"no such resource: /nowhere\"}");
        Http.Answer method = http.get("/slow");
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.response().headers().firstValue("Allow")).contains("POST");
    }

    @Test
    void when_the_ingest_queue_is_full_the_next_request_is_503_with_retry_after_and_health_still_answers() throws Exception {
        Http http = start(1, 0);
        CompletableFuture<Http.Answer> first = slow(http);
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
        Http.Answer second = http.send(http.request("/slow").POST(HttpRequest.BodyPublishers.ofString("x")).build());
        assertThat(second.status()).isEqualTo(503);
        assertThat(second.response().headers().firstValue("Retry-After")).contains("2");
        assertThat(second.json().path("error").asText()).startsWith("ingest is busy: 1 requests in progress and 0 waiting");
        assertThat(http.get("/health/live").status()).isEqualTo(200);
        release.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
    }

    @Test
    void closing_lets_a_request_in_progress_finish() throws Exception {
        Http http = start(4, 16);
        CompletableFuture<Http.Answer> inProgress = slow(http);
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
        Thread.sleep(200); // the stop has begun
        release.countDown();
        Http.Answer a = inProgress.get(30, TimeUnit.SECONDS);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body()).isEqualTo("done");
        closing.get(30, TimeUnit.SECONDS);
        server = null;
    }
}
