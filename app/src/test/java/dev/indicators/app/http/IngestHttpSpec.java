package dev.indicators.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.indicators.app.PipelineServer;
import dev.indicators.app.support.Http;
import dev.indicators.app.support.RawHttp;
import dev.indicators.app.support.SharedPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /api/v1/events and the receipt endpoint over HTTP, on the running pipeline (real broker, registry, streams app). */
@ExtendWith(SharedPipeline.class)
class IngestHttpSpec {

    static String mediation(String eventId, String caseId, String status) {
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"mediation\",\"regionCode\":\"140300\",\"department\":\"yangquan-justice\","
                + "\"occurredAt\":\"2013-05-01T09:00:00+08:00\",\"caseId\":\"" + caseId + "\",\"status\":\"" + status + "\","
                + "\"mediationType\":\"PEOPLES\",\"disputeCategory\":\"NEIGHBOUR\"}";
    }

    @Test
    void a_valid_event_is_answered_202_in_json_with_where_it_was_stored(Http http) {
        String id = "ingest-http-" + UUID.randomUUID();
        Http.Answer a = http.post(IngestRoutes.PATH, "application/json", mediation(id, "IH-1", "RECEIVED"));
        assertThat(a.status()).isEqualTo(202);
        assertThat(a.response().headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode e = a.json().path("events").get(0);
        assertThat(a.json().path("accepted").asInt()).isEqualTo(1);
        assertThat(e.path("eventId").asText()).isEqualTo(id);
        assertThat(e.path("status").asText()).isEqualTo("accepted");
        assertThat(e.path("topic").asText()).isEqualTo("indicators.mediation.v1");
        assertThat(e.has("partition") && e.has("offset")).isTrue();
    }

    @Test
    void other_methods_are_405_with_allow_and_unknown_paths_404(Http http) {
        Http.Answer get = http.get(IngestRoutes.PATH);
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.response().headers().firstValue("Allow")).contains("POST");
        assertThat(get.json().path("error").asText()).isEqualTo("method GET not allowed on /api/v1/events; use POST");
        Http.Answer nowhere = http.post("/api/v1/nowhere", "application/json", "{}");
        assertThat(nowhere.status()).isEqualTo(404);
        assertThat(nowhere.json().path("error").asText()).isEqualTo("no such resource: /api/v1/nowhere");
    }

    @Test
    void a_declared_length_above_the_limit_is_413_before_any_byte_is_read(PipelineServer server) throws Exception {
        long limit = server.ingest().settings().maxBytes();
        RawHttp.Answer a = RawHttp.post(URI.create(server.baseUrl()).getPort(), IngestRoutes.PATH, "application/json",
                new ByteArrayInputStream(new byte[0]), limit + 1);
        assertThat(a.status()).isEqualTo(413);
        assertThat(a.body()).contains("\"error\":\"request body larger than " + limit + " bytes (INDICATORS_INGEST_MAX_BYTES)")
                .contains("\"limit\":" + limit);
    }

    @Test
    void a_content_type_other_than_json_or_ndjson_is_415(Http http) {
        Http.Answer a = http.post(IngestRoutes.PATH, "application/x-www-form-urlencoded", mediation("form", "IH-F", "RECEIVED"));
        assertThat(a.status()).isEqualTo(415);
        assertThat(a.json().path("error").asText()).startsWith("Content-Type 'application/x-www-form-urlencoded' is not accepted");
    }

    @Test
    void invalid_utf8_and_control_characters_are_400_naming_the_field(Http http) {
        byte[] bytes = mediation("utf-" + UUID.randomUUID(), "IH-UTF", "RECEIVED").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        bytes[new String(bytes, java.nio.charset.StandardCharsets.UTF_8).indexOf("IH-UTF") + 3] = (byte) 0xC3;
        Http.Answer utf = http.send(http.request(IngestRoutes.PATH).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
        assertThat(utf.status()).isEqualTo(400);
        assertThat(utf.json().path("events").get(0).path("errors").get(0).path("field").asText()).isEqualTo("caseId");
        assertThat(utf.json().path("events").get(0).path("errors").get(0).path("reason").asText()).startsWith("is not valid UTF-8");

        Http.Answer nul = http.post(IngestRoutes.PATH, "application/json", mediation("nul", "IH-\\u0000", "RECEIVED"));
        assertThat(nul.status()).isEqualTo(400);
        assertThat(nul.json().path("error").asText()).isEqualTo("the event is invalid and was not published");
        assertThat(nul.json().path("events").get(0).path("errors").get(0).path("reason").asText()).startsWith("contains the control character U+0000");
    }

    @Test
    void a_receipt_says_counted_for_a_counted_event_and_rejected_with_the_reason_for_a_reused_event_id(Http http) {
        String id = "receipt-" + UUID.randomUUID();
        assertThat(http.post(IngestRoutes.PATH, "application/json", mediation(id, "RC-1", "RECEIVED")).status()).isEqualTo(202);
        JsonNode counted = http.await(IngestRoutes.PATH + "/" + id,
                a -> a.status() == 200 && a.json().path("status").asText().equals("counted"), Duration.ofSeconds(60)).json();
        assertThat(counted.path("eventId").asText()).isEqualTo(id);
        assertThat(counted.path("topic").asText()).isEqualTo("indicators.mediation.v1");
        assertThat(counted.has("reason")).isFalse();

        // The same eventId with other content: accepted by ingest (it cannot know), refused by the pipeline.
        assertThat(http.post(IngestRoutes.PATH, "application/json", mediation(id, "RC-1", "SUCCEEDED")).status()).isEqualTo(202);
        JsonNode rejected = http.await(IngestRoutes.PATH + "/" + id,
                a -> a.status() == 200 && !a.json().path("status").asText().equals("pending")
                        && a.json().path("offset").asLong() != counted.path("offset").asLong(), Duration.ofSeconds(60)).json();
        assertThat(rejected.path("status").asText()).isEqualTo("rejected");
        assertThat(rejected.path("reason").asText()).startsWith("event-id-conflict: eventId '" + id + "'");
    }

    @Test
    void a_receipt_for_an_event_this_instance_never_accepted_is_404(Http http) {
        Http.Answer a = http.get(IngestRoutes.PATH + "/never-sent-" + UUID.randomUUID());
        assertThat(a.status()).isEqualTo(404);
        assertThat(a.json().path("error").asText()).contains("was not accepted by this instance's ingest");
    }
}
