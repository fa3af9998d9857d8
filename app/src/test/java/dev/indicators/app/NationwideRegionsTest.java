package dev.indicators.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.indicators.app.support.Http;
import dev.indicators.app.support.SharedPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every county of China can report, on the real broker and registry with the bundled GB/T 2260 table: the region
 * tree lists them all, and an event of Beijing's Dongcheng district, sent over HTTP, is counted in Dongcheng, the
 * Beijing districts, Beijing and the nation.
 */
@ExtendWith(SharedPipeline.class)
class NationwideRegionsTest {

    @Test
    void the_region_tree_lists_every_county_level_division(Http http) {
        JsonNode tree = http.get("/api/v1/regions").json();
        assertThat(count(tree, "county")).isGreaterThanOrEqualTo(2_800);
        assertThat(count(tree, "province")).isEqualTo(31);
    }

    @Test
    void an_event_of_beijing_dongcheng_is_accepted_and_rolls_up_to_beijing_and_the_nation(Http http) {
        String event = """
                {"eventId":"dc-2022-000001-accepted","type":"reconsideration","regionCode":"110101","department":"dongcheng-gov",
                 "occurredAt":"2022-06-15T10:00:00+08:00","caseId":"DC-2022-000001","stage":"ACCEPTED"}""";
        // 503 means "not acknowledged in time, re-send": what the API tells every client to do (a re-send counts once)
        Http.Answer sent = http.post("/api/v1/events", "application/json", event);
        for (int attempt = 1; sent.status() == 503 && attempt < 10; attempt++) {
            sent = http.post("/api/v1/events", "application/json", event);
        }
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);

        JsonNode county = http.awaitTotal("110101", "reconsideration.accepted", "year:2022", 1);
        assertThat(county.path("regionLevel").asText()).isEqualTo("county");
        http.awaitTotal("110100", "reconsideration.accepted", "year:2022", 1);
        JsonNode beijing = http.awaitTotal("110000", "reconsideration.accepted", "year:2022", 1);
        assertThat(beijing.path("regionLevel").asText()).isEqualTo("province");
        // the nation also counts what other tests of this run send
        http.await("/api/v1/totals?region=000000&indicator=reconsideration.accepted&period=year:2022",
                a -> a.status() == 200 && a.json().path("value").asDouble() >= 1, java.time.Duration.ofSeconds(60));
    }

    private static long count(JsonNode node, String level) {
        long n = level.equals(node.path("level").asText()) ? 1 : 0;
        for (JsonNode child : node.path("children")) n += count(child, level);
        return n;
    }
}
