package dev.indicators.producer.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.indicators.producer.BadInputCorpus;
import dev.indicators.producer.Fixtures;
import dev.indicators.producer.RecordingPublisher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /api/v1/events over real HTTP, with a publisher that needs no Kafka. */
class IngestHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final RecordingPublisher publisher = new RecordingPublisher();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final HttpClient http = HttpClient.newHttpClient();
    private IngestServer server;

    private IngestServer server(IngestSettings settings) {
        server = IngestServer.start("127.0.0.1", 0, publisher, Fixtures.json(), settings, meters);
        return server;
    }

    private IngestServer server() {
        return server == null ? server(IngestSettings.defaults()) : server;
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    record Reply(int status, JsonNode body, HttpResponse<String> raw) {
    }

    private Reply post(String body, String contentType) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server().eventsUri()).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) b.header("Content-Type", contentType);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body().isEmpty() ? null : JSON.readTree(r.body()), r);
    }

    @Test
    void one_valid_event_is_answered_202_with_where_it_was_stored() throws Exception {
        Reply r = post(Fixtures.reconsideration("h1", "QP-1", "APPLIED"), "application/json");
        assertThat(r.status).isEqualTo(202);
        assertThat(r.body.toString()).isEqualTo("{\"accepted\":1,\"rejected\":0,\"unavailable\":0,\"events\":[{\"index\":0,\"eventId\":\"h1\","
                + "\"status\":\"accepted\",\"topic\":\"indicators.reconsideration.v1\",\"partition\":0,\"offset\":0}]}");
        assertThat(r.raw.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(meters.counter("indicators.ingest.requests", "status", "202").count()).isEqualTo(1);
        assertThat(meters.counter("indicators.events.ingested", "type", "reconsideration").count()).isEqualTo(1);
    }

    @Test
    void an_array_and_ndjson_carry_several_events() throws Exception {
        String a = Fixtures.mediation("a", "M-1", "RECEIVED"), b = Fixtures.mediation("b", "M-1", "SUCCEEDED");
        assertThat(post("[" + a + "," + b + "]", "application/json").body.get("accepted").asInt()).isEqualTo(2);
        assertThat(post(a + "\n" + b + "\n", "application/x-ndjson").body.get("accepted").asInt()).isEqualTo(2);
        Reply detected = post(a + "\n\n" + b, "application/json"); // several top-level values: NDJSON
        assertThat(detected.status).isEqualTo(202);
        assertThat(detected.body.get("events").get(1).get("line").asInt()).isEqualTo(3);
        assertThat(publisher.published).hasSize(6);
    }

    @Test
    void invalid_events_are_answered_400_per_event_and_field_while_the_valid_ones_are_published() throws Exception {
        String body = String.join("\n", Fixtures.reconsideration("ok1", "QP-1", "APPLIED"),
                Fixtures.reconsideration("bad1", "QP-2", "APPLIED").replace("310118", "999999").replace("QP-2", "Q".repeat(70)),
                Fixtures.reconsideration("ok2", "QP-1", "ACCEPTED"));
        Reply r = post(body, "application/x-ndjson");
        assertThat(r.status).isEqualTo(400);
        assertThat(r.body.get("accepted").asInt()).isEqualTo(2);
        assertThat(r.body.get("rejected").asInt()).isEqualTo(1);
        JsonNode bad = r.body.get("events").get(1);
        assertThat(bad.get("status").asText()).isEqualTo("rejected");
        assertThat(bad.get("eventId").asText()).isEqualTo("bad1");
        assertThat(bad.get("errors").toString()).contains("{\"field\":\"regionCode\",\"value\":\"999999\",\"reason\":\"unknown GB/T 2260 region code");
        assertThat(bad.get("errors")).extracting(e -> e.get("field").asText()).containsExactlyInAnyOrder("regionCode", "caseId");
        assertThat(r.body.get("events").get(2).get("status").asText()).isEqualTo("accepted");
        assertThat(publisher.published).extracting(RecordingPublisher::id).containsExactly("ok1", "ok2");
    }

    static Stream<BadInputCorpus.Bad> corpus() {
        return Stream.concat(BadInputCorpus.lines().stream(), Stream.of(BadInputCorpus.EMPTY_BODY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void each_bad_input_gets_its_specific_error(BadInputCorpus.Bad bad) throws Exception {
        Reply r = post(bad.json(), "application/json");
        assertThat(r.status).isEqualTo(400);
        JsonNode errors = r.body.get("events").get(0).get("errors");
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.get("field").asText()).isEqualTo(bad.field());
            assertThat(e.get("reason").asText()).contains(bad.reason());
        });
    }

    @Test
    void a_body_above_the_limit_is_answered_413_without_reading_it_all() throws Exception {
        server(IngestSettings.defaults().withMaxBytes(1000));
        Reply r = post("[" + (Fixtures.mediation("big", "M-1", "RECEIVED") + ",").repeat(20) + "{}]", "application/json");
        assertThat(r.status).isEqualTo(413);
        assertThat(r.body.get("maxBytes").asInt()).isEqualTo(1000);
        assertThat(publisher.published).isEmpty();
        assertThat(post(Fixtures.mediation("small", "M-1", "RECEIVED"), null).status).isEqualTo(202);
    }

    @Test
    void other_methods_are_answered_405_and_other_paths_404() throws Exception {
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(server().eventsUri()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).contains("POST");
        URI other = URI.create(server().eventsUri() + "/extra");
        assertThat(http.send(HttpRequest.newBuilder(other).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    }

    @Test
    void when_kafka_does_not_acknowledge_in_time_the_answer_is_503_with_retry_after() throws Exception {
        publisher.hanging();
        server(IngestSettings.defaults().withKafkaTimeout(Duration.ofMillis(300)));
        long start = System.nanoTime();
        Reply r = post("[" + Fixtures.mediation("slow1", "M-1", "RECEIVED") + "," + Fixtures.mediation("slow2", "M-2", "RECEIVED") + "]", "application/json");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(r.status).isEqualTo(503);
        assertThat(r.raw.headers().firstValue("Retry-After")).contains("10");
        assertThat(r.body.get("unavailable").asInt()).isEqualTo(2);
        assertThat(r.body.get("events").get(0).get("status").asText()).isEqualTo("unavailable");
        assertThat(r.body.get("events").get(0).get("reason").asText()).contains("re-sending it is safe");
        assertThat(meters.counter("indicators.ingest.requests", "status", "503").count()).isEqualTo(1);
    }

    @Test
    void a_send_failure_that_says_kafka_is_unreachable_is_also_503() throws Exception {
        publisher.timingOut("t");
        Reply r = post(Fixtures.mediation("t1", "M-1", "RECEIVED"), "application/json");
        assertThat(r.status).isEqualTo(503);
        assertThat(r.body.get("events").get(0).get("reason").asText()).contains("TimeoutException");
    }

    @Test
    void the_handler_can_be_driven_without_http() {
        IngestHandler h = new IngestHandler(publisher, Fixtures.json(), IngestSettings.defaults(), meters);
        IngestHandler.Answer a = h.ingest(String.join("\n", List.of(Fixtures.mediation("x", "M-1", "RECEIVED"), "{")), null);
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.body().get("events").get(1).get("errors").get(0).get("field").asText()).isEqualTo("(json)");
    }
}
