package dev.indicators.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.indicators.app.PipelineServer;
import dev.indicators.app.support.Http;
import dev.indicators.app.support.SharedPipeline;
import dev.indicators.contract.avro.DisputeCategory;
import dev.indicators.contract.avro.MediationEvent;
import dev.indicators.contract.avro.MediationStatus;
import dev.indicators.contract.avro.MediationType;
import dev.indicators.testkit.recount.PromisedIndicators;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The region endpoints over HTTP with exact values: three mediation cases of Jialing (511304) in 2012, sent through
 * the library, read back as a region's totals, as a monthly series and against the indicator list.
 */
@ExtendWith(SharedPipeline.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TotalsHttpSpec {

    private Http http;

    @BeforeAll
    void publish(PipelineServer server, Http http) throws Exception {
        this.http = http;
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (MediationEvent e : List.of(
                event("th-a-1", "TH-A", "2012-03-05T02:00:00Z", MediationStatus.RECEIVED, null),
                event("th-a-2", "TH-A", "2012-03-20T02:00:00Z", MediationStatus.SUCCEEDED, true),
                event("th-b-1", "TH-B", "2012-03-07T02:00:00Z", MediationStatus.RECEIVED, null),
                event("th-b-2", "TH-B", "2012-04-02T02:00:00Z", MediationStatus.FAILED, null),
                event("th-c-1", "TH-C", "2012-04-10T02:00:00Z", MediationStatus.RECEIVED, null),
                event("th-c-2", "TH-C", "2012-04-15T02:00:00Z", MediationStatus.SUCCEEDED, false))) {
            sent.add(server.publisher().publish(e));
        }
        for (CompletableFuture<?> f : sent) f.get(30, TimeUnit.SECONDS);
        http.awaitTotal("511304", "mediation.failed", "year:2012", 1);
        http.awaitTotal("511304", "mediation.succeeded", "year:2012", 2);
    }

    private static MediationEvent event(String id, String caseId, String at, MediationStatus status, Boolean agreement) {
        return new MediationEvent("totals-http-" + id, "511304", "jialing-justice", Instant.parse(at), "TOTALS-HTTP-" + caseId,
                status, MediationType.PEOPLES, DisputeCategory.NEIGHBOUR, agreement);
    }

    @Test
    void a_regions_totals_list_every_indicator_with_its_exact_value() {
        Http.Answer a = http.get("/api/v1/regions/511304/totals?period=year:2012");
        assertThat(a.status()).isEqualTo(200);
        JsonNode body = a.json();
        assertThat(body.path("region").asText()).isEqualTo("511304");
        assertThat(body.path("regionLevel").asText()).isEqualTo("county");
        assertThat(body.path("regionName").asText()).contains("Jialing");
        assertThat(body.path("period").asText()).isEqualTo("year:2012");
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        body.path("totals").forEach(t -> byName.put(t.path("indicator").asText(), t));
        assertThat(byName.keySet()).containsExactlyInAnyOrderElementsOf(PromisedIndicators.ALL);
        assertThat(byName.get("mediation.received").path("value").asDouble()).isEqualTo(3);
        assertThat(byName.get("mediation.succeeded").path("value").asDouble()).isEqualTo(2);
        assertThat(byName.get("mediation.failed").path("value").asDouble()).isEqualTo(1);
        assertThat(byName.get("mediation.agreements").path("value").asDouble()).isEqualTo(1);
        assertThat(byName.get("mediation.withdrawn").path("value").asDouble()).isEqualTo(0);
        JsonNode rate = byName.get("mediation.success_rate");
        assertThat(rate.path("numerator").asLong()).isEqualTo(2);
        assertThat(rate.path("denominator").asLong()).isEqualTo(3);
        assertThat(rate.path("value").asDouble()).isEqualTo(2.0 / 3);
        assertThat(byName.get("reconsideration.applied").path("value").asDouble()).isEqualTo(0);
        assertThat(byName.get("reconsideration.correction_rate").path("value").isNull()).isTrue();
        assertThat(byName.get("certificates.issued").path("value").asDouble()).isEqualTo(0);
    }

    @Test
    void a_monthly_series_has_one_exact_point_per_month_including_the_empty_ones() {
        Http.Answer a = http.get("/api/v1/regions/511304/series?indicator=mediation.received&from=2012-02&to=2012-05&granularity=month");
        assertThat(a.status()).isEqualTo(200);
        JsonNode body = a.json();
        assertThat(body.path("indicator").asText()).isEqualTo("mediation.received");
        assertThat(body.path("granularity").asText()).isEqualTo("month");
        assertThat(body.path("points").toString()).isEqualTo("[{\"period\":\"month:2012-02\",\"value\":0.0},{\"period\":\"month:2012-03\",\"value\":2.0},"
                + "{\"period\":\"month:2012-04\",\"value\":1.0},{\"period\":\"month:2012-05\",\"value\":0.0}]");
        JsonNode rate = http.get("/api/v1/regions/511304/series?indicator=mediation.success_rate&from=2012-03-01&to=2012-04-30&granularity=month")
                .json().path("points");
        assertThat(rate.toString()).isEqualTo("[{\"period\":\"month:2012-03\",\"value\":1.0,\"numerator\":1,\"denominator\":1},"
                + "{\"period\":\"month:2012-04\",\"value\":0.5,\"numerator\":1,\"denominator\":2}]");
    }

    @Test
    void a_daily_series_counts_each_day_on_its_own() {
        JsonNode points = http.get("/api/v1/regions/511304/series?indicator=mediation.succeeded&from=2012-04-14&to=2012-04-16&granularity=day")
                .json().path("points");
        assertThat(points.toString()).isEqualTo("[{\"period\":\"day:2012-04-14\",\"value\":0.0},{\"period\":\"day:2012-04-15\",\"value\":1.0},"
                + "{\"period\":\"day:2012-04-16\",\"value\":0.0}]");
    }

    @Test
    void the_indicator_list_names_every_indicator() {
        Http.Answer a = http.get("/api/v1/indicators");
        assertThat(a.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        a.json().path("indicators").forEach(n -> names.add(n.asText()));
        assertThat(names).containsExactlyInAnyOrderElementsOf(PromisedIndicators.ALL);
    }

    @Test
    void bad_region_requests_are_400_naming_what_is_wrong() {
        Http.Answer unknown = http.get("/api/v1/regions/999999/totals?period=year:2012");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("error").asText()).contains("999999");
        Http.Answer missing = http.get("/api/v1/regions/511304/series?indicator=mediation.received&from=2012-02");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("error").asText()).isEqualTo("query parameter 'to' is required");
        Http.Answer granularity = http.get("/api/v1/regions/511304/series?indicator=mediation.received&from=2012-02&to=2012-03&granularity=week");
        assertThat(granularity.status()).isEqualTo(400);
        assertThat(granularity.json().path("error").asText()).contains("week");
    }
}
