package dev.indicators.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.indicators.app.support.Http;
import dev.indicators.app.support.SharedPipeline;
import dev.indicators.contract.avro.ReconsiderationEvent;
import dev.indicators.contract.avro.ReconsiderationStage;
import dev.indicators.producer.publish.PublishResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The walking skeleton, end to end on the real broker and registry: an event published through the library is
 * Avro-serialised against the registry, counted by the streams app, and readable over HTTP at every level.
 */
@ExtendWith(SharedPipeline.class)
class VerticalSliceTest {

    @Test
    void an_accepted_case_published_through_the_library_is_counted_up_to_the_nation(PipelineServer server, Http http) throws Exception {
        // 2002: a year no other test of this JVM's shared pipeline publishes in, so every level's value is exactly 1
        ReconsiderationEvent accepted = new ReconsiderationEvent("slice-jl-2002-0001-accepted", "511304", "jialing-gov",
                Instant.parse("2002-03-02T02:00:00Z"), "JL-2002-0001", ReconsiderationStage.ACCEPTED, null);

        PublishResult sent = server.publisher().publish(accepted).get(30, TimeUnit.SECONDS);
        assertThat(sent.topic()).isEqualTo("indicators.reconsideration.v1");

        JsonNode county = http.awaitTotal("511304", "reconsideration.accepted", "day:2002-03-02", 1);
        assertThat(county.path("regionLevel").asText()).isEqualTo("county");
        http.awaitTotal("511304", "reconsideration.applied", "year:2002", 1);
        assertThat(http.awaitTotal("511300", "reconsideration.accepted", "month:2002-03", 1).path("regionLevel").asText()).isEqualTo("city");
        assertThat(http.awaitTotal("510000", "reconsideration.accepted", "quarter:2002Q1", 1).path("regionLevel").asText()).isEqualTo("province");
        assertThat(http.awaitTotal("000000", "reconsideration.accepted", "year:2002", 1).path("regionLevel").asText()).isEqualTo("nation");
    }

    @Test
    void a_known_region_without_events_answers_zero_and_unknown_names_answer_400(Http http) {
        Http.Answer zero = http.get("/api/v1/totals?region=410212&indicator=mediation.received&period=year:2005");
        assertThat(zero.status()).isEqualTo(200);
        assertThat(zero.json().path("value").asDouble()).isZero();

        Http.Answer region = http.get("/api/v1/totals?region=999999&indicator=mediation.received&period=year:2017");
        assertThat(region.status()).isEqualTo(400);
        assertThat(region.json().path("error").asText()).contains("999999");

        Http.Answer indicator = http.get("/api/v1/totals?region=310118&indicator=mediation.nonsense&period=year:2017");
        assertThat(indicator.status()).isEqualTo(400);
        assertThat(indicator.json().path("error").asText()).contains("mediation.nonsense");

        Http.Answer period = http.get("/api/v1/totals?region=310118&indicator=mediation.received&period=week:12");
        assertThat(period.status()).isEqualTo(400);
        assertThat(period.json().path("error").asText()).contains("week:12");

        Http.Answer missing = http.get("/api/v1/totals?region=310118&indicator=mediation.received");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("error").asText()).contains("period");
    }

    @Test
    void the_region_tree_starts_at_the_nation_and_holds_qingpu_under_the_shanghai_districts(Http http) {
        JsonNode tree = http.get("/api/v1/regions").json();
        assertThat(tree.path("code").asText()).isEqualTo("000000");
        JsonNode shanghai = find(tree, "310000");
        JsonNode districts = find(shanghai, "310100");
        assertThat(find(districts, "310118").path("nameEn").asText()).isEqualTo("Qingpu");
    }

    @Test
    void the_web_dashboard_is_served_at_the_root(Http http) {
        Http.Answer page = http.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<title>indicator-pipeline").contains("/api/v1/regions");
        // the page's modules, styles and the vendored charting library come from the same folder of the jar
        for (String file : java.util.List.of("/js/main.js", "/vendor/echarts.min.js", "/dashboard.css")) {
            Http.Answer a = http.get(file);
            assertThat(a.status()).as(file).isEqualTo(200);
            assertThat(a.response().headers().firstValue("Content-Type")).as(file).hasValueSatisfying(ct ->
                    assertThat(ct).startsWith(file.endsWith(".css") ? "text/css" : "text/javascript"));
        }
        assertThat(http.get("/vendor/no-such-file.js").status()).isEqualTo(404);
    }

    private static JsonNode find(JsonNode node, String code) {
        for (JsonNode child : node.path("children")) {
            if (child.path("code").asText().equals(code)) return child;
        }
        throw new AssertionError(code + " is not a child of " + node.path("code").asText());
    }
}
