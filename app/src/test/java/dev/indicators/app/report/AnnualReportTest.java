package dev.indicators.app.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.indicators.app.PipelineServer;
import dev.indicators.app.support.Http;
import dev.indicators.app.support.PublishedSampleLoaded;
import dev.indicators.app.support.SharedPipeline;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The annual report on the sample built from the published figures, through HTTP on a running pipeline (real broker
 * and registry): Qingpu 2017 and Yangquan 2019 as their reports published them, with the reconciliation.
 */
@ExtendWith(SharedPipeline.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Annual report: the statistics table, published vs computed, and the identities that hold or fail")
class AnnualReportTest {

    private Http http;

    @BeforeAll
    void theSampleIsCounted(PipelineServer server, Http http) throws Exception {
        this.http = http;
        PublishedSampleLoaded.into(server, http);
    }

    private JsonNode report(String code, int year) {
        Http.Answer a = http.get("/api/v1/regions/" + code + "/report?year=" + year + "&format=json");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json();
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static JsonNode row(JsonNode report, String indicator) {
        for (JsonNode s : report.get("sections")) for (JsonNode r : s.get("rows")) if (r.get("indicator").asText().equals(indicator)) return r;
        throw new AssertionError("no row " + indicator);
    }

    private static List<String> checks(JsonNode report, String region, String basis) {
        return list(report.get("reconciliation")).stream()
                .filter(c -> c.get("region").asText().equals(region) && c.get("basis").asText().equals(basis))
                .map(c -> c.get("identity").asText() + ": " + c.get("status").asText()).toList();
    }

    @Test
    void qingpu_2017_shows_the_published_figures_and_every_identity_holds_on_them_and_on_the_computed_ones() {
        JsonNode r = report("310118", 2017);
        assertThat(r.get("regionName").asText()).isEqualTo("青浦区 Qingpu");
        assertThat(row(r, "reconsideration.accepted").get("cells").get(0).get("value").asDouble()).isEqualTo(79);
        assertThat(row(r, "reconsideration.outcome.upheld").get("cells").get(0).get("value").asDouble()).isEqualTo(32);
        JsonNode rate = row(r, "mediation.success_rate").get("cells").get(0);
        assertThat(rate.get("numerator").asLong()).isEqualTo(10_388);
        assertThat(rate.get("denominator").asLong()).isEqualTo(10_876);

        JsonNode accepted = list(r.get("published")).stream().filter(p -> p.get("indicator").asText().equals("reconsideration.accepted")).findFirst().orElseThrow();
        assertThat(accepted.get("published").asDouble()).isEqualTo(79);
        assertThat(accepted.get("computed").asDouble()).isEqualTo(79);
        assertThat(accepted.get("difference").asDouble()).isZero();

        assertThat(checks(r, "310118", "computed")).containsExactly("the outcomes sum to concluded: holds",
                "applied = accepted + rejected + correction requested: holds", "rates lie in 0..1: holds");
        assertThat(checks(r, "310118", "published")).containsExactly("the outcomes sum to concluded: holds",
                "applied = accepted + rejected + correction requested: holds", "a published rate comes from whole counts: holds");
        JsonNode outcomes = list(r.get("reconciliation")).get(0);
        assertThat(outcomes.get("figures").asText()).isEqualTo("32 upheld + 10 dismissed + 14 terminated + 10 revoked + 2 confirmed_illegal = 68 = concluded 68");
    }

    @Test
    void published_figures_that_do_not_add_up_fail_their_identities_with_the_figures_and_the_difference_from_the_computed_ones() {
        // Qingpu's figures as a hand-typed report might carry them: 70 concluded (the outcomes add up to 68), and a
        // success rate of 95.6 % that no whole number of 10,876 disputes... gives with 10,388 successes
        String typedByHand = """
                region_code,year,indicator,value,unit,note
                310118,2017,reconsideration.concluded,70,cases,
                310118,2017,reconsideration.outcome.upheld,32,cases,
                310118,2017,reconsideration.outcome.dismissed,10,cases,
                310118,2017,reconsideration.outcome.terminated,14,cases,
                310118,2017,reconsideration.outcome.revoked,10,cases,
                310118,2017,reconsideration.outcome.confirmed_illegal,2,cases,
                310118,2017,mediation.received,10876,disputes,
                310118,2017,mediation.succeeded,10388,disputes,
                310118,2017,mediation.success_rate,95.6,%,"typed by hand, as 95.6"
                """;
        Http.Answer a = http.send(http.request("/api/v1/regions/310118/report?year=2017&format=json").header("Content-Type", "text/csv")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(typedByHand)).build());
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        JsonNode r = a.json();
        assertThat(checks(r, "310118", "published")).containsExactly("the outcomes sum to concluded: fails",
                "rates lie in 0..1: holds", "a published rate comes from whole counts: fails");
        assertThat(checks(r, "310118", "computed")).allSatisfy(c -> assertThat(c).endsWith("holds"));
        JsonNode concluded = list(r.get("published")).stream().filter(p -> p.get("indicator").asText().equals("reconsideration.concluded")).findFirst().orElseThrow();
        assertThat(concluded.get("difference").asDouble()).isEqualTo(-2);
        assertThat(list(r.get("reconciliation")).stream().map(c -> c.get("figures").asText()))
                .contains("32 upheld + 10 dismissed + 14 terminated + 10 revoked + 2 confirmed_illegal = 68 ≠ concluded 70")
                .contains("95.6 % of 10,876 (received): 10,388 succeeded gives 95.51 %");
    }

    @Test
    void yangquan_2019_fails_where_its_published_rate_cannot_come_from_its_disputes_and_where_the_city_counted_cases_itself() {
        JsonNode r = report("140300", 2019);
        assertThat(list(r.get("columns")).size()).as("Yangquan and its districts and counties").isGreaterThan(1);
        assertThat(list(r.get("reconciliation")).stream().filter(c -> c.get("identity").asText().equals("a published rate comes from whole counts")))
                .singleElement().satisfies(c -> {
                    assertThat(c.get("status").asText()).isEqualTo("fails");
                    assertThat(c.get("figures").asText()).isEqualTo("97.27 % of 3,281 (received): no whole number does: 3,191 gives 97.26 %, 3,192 gives 97.29 %");
                });
        assertThat(list(r.get("reconciliation")).stream().filter(c -> c.get("identity").asText().equals("a parent equals the sum of its children")
                && c.get("figures").asText().startsWith("reconsideration.accepted:")))
                .singleElement().satisfies(c -> assertThat(c.get("status").asText()).isEqualTo("fails"));
    }

    @Test
    void the_report_prints_as_html_and_exports_as_csv() {
        Http.Answer html = http.get("/api/v1/regions/310118/report?year=2017");
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.response().headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(html.body()).contains("@page{size:A4").contains("青浦区 Qingpu").contains("<tr data-indicator=\"reconsideration.accepted\"><td>受理 accepted</td><td class=\"num\">79</td>")
                .contains("✔ holds");
        Http.Answer csv = http.get("/api/v1/regions/310118/report?year=2017&format=csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.response().headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body().lines()).contains("reconsideration,reconsideration.accepted,受理 accepted,79",
                "310118,reconsideration.accepted,79,cases,79,0,");
        Http.Answer bad = http.get("/api/v1/regions/310118/report?year=2017&format=pdf");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("format 'pdf'");
    }
}
