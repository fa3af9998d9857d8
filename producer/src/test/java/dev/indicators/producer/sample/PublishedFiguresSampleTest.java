package dev.indicators.producer.sample;

import dev.indicators.contract.validation.EventRules;
import dev.indicators.producer.Fixtures;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.testkit.events.Events;
import dev.indicators.testkit.recount.Recount;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** Sample events built from published-figures.csv add up to every published count they can express. */
class PublishedFiguresSampleTest {

    private static PublishedFiguresSample sample;

    @BeforeAll
    static void load() {
        sample = PublishedFiguresSample.load();
    }

    @Test
    void the_figures_ship_inside_the_project_with_their_sources() {
        assertThat(sample.figures()).hasSize(32);
        assertThat(PublishedFiguresSample.class.getResource("/sample/SOURCES.md")).as("sources of the figures").isNotNull();
    }

    @Test
    void every_reproducible_published_count_is_expected_under_the_pipelines_indicator_names() {
        assertThat(sample.expected()).containsOnly(
                entry("140300|reconsideration.accepted|year:2019", 8L),
                entry("140300|mediation.received|year:2019", 3281L),
                entry("310118|reconsideration.applied|year:2017", 142L),
                entry("310118|reconsideration.accepted|year:2017", 79L),
                entry("310118|reconsideration.rejected|year:2017", 21L),
                entry("310118|reconsideration.correction_requested|year:2017", 42L),
                entry("310118|reconsideration.concluded|year:2017", 68L),
                entry("310118|reconsideration.outcome.upheld|year:2017", 32L),
                entry("310118|reconsideration.outcome.dismissed|year:2017", 10L),
                entry("310118|reconsideration.outcome.terminated|year:2017", 14L),
                entry("310118|reconsideration.outcome.revoked|year:2017", 10L),
                entry("310118|reconsideration.outcome.confirmed_illegal|year:2017", 2L),
                entry("310118|mediation.received|year:2017", 10876L),
                entry("310118|mediation.succeeded|year:2017", 10388L),
                entry("310118|mediation.agreements|year:2017", 8762L),
                entry("310118|certificates.active|year:2017", 1692L),
                entry("140300|litigation.responded|year:2019", 7L),
                entry("310118|litigation.responded|year:2017", 17L),
                entry("310118|litigation.responded.basic_court|year:2017", 9L),
                entry("310118|litigation.concluded.basic_court|year:2017", 5L),
                entry("310118|litigation.responded.intermediate_court|year:2017", 8L),
                entry("310118|litigation.concluded.intermediate_court|year:2017", 3L),
                entry("310118|litigation.concluded|year:2017", 8L),
                entry("310118|litigation.outcome.withdrawn|year:2017", 5L),
                entry("310118|litigation.outcome.claims_dismissed|year:2017", 2L),
                entry("310118|litigation.outcome.suit_dismissed|year:2017", 1L));
    }

    @Test
    void the_events_add_up_to_each_expected_figure_by_the_design_counting_rules() {
        Recount recount = Recount.of(RegionTable.bundled(), sample.events());
        sample.expected().forEach((key, value) -> assertThat(total(recount, key)).as(key).isEqualTo(value));
        assertThat(total(recount, "310118|mediation.failed|year:2017")).isEqualTo(488L);
        assertThat(total(recount, "140300|litigation.responded.basic_court|year:2019"))
                .as("Qingpu's suits name their court; Yangquan's none, and none of them concludes").isZero();
        assertThat(total(recount, "140300|litigation.concluded|year:2019")).isZero();
        assertThat(total(recount, "140300|mediation.succeeded|year:2019")).isEqualTo(3191L);
        assertThat(total(recount, "140300|mediation.failed|year:2019")).isEqualTo(90L);
    }

    @Test
    void yangquans_impossible_published_rate_is_replaced_by_the_nearest_count_and_said_so() {
        assertThat(sample.assumptions()).anySatisfy(a -> assertThat(a).contains("140300 2019", "3,191 of 3,281", "97.26%", "97.27%"));
    }

    @Test
    void figures_our_events_cannot_express_are_listed() {
        assertThat(sample.notRepresentable()).extracting(PublishedFiguresSample.Figure::indicator).containsExactlyInAnyOrder(
                "certificates.exam_passed", "legal_aid.cases",
                "legal_consultation.persons", "arbitration.cases", "petitions.total", "certification_matters.cleared");
    }

    @Test
    void every_event_is_valid_unique_within_its_year_and_in_lifecycle_order() {
        EventRules rules = Fixtures.rules();
        Set<String> ids = new HashSet<>();
        for (SpecificRecord e : sample.events()) {
            assertThat(rules.check(e)).as(e.toString()).isEmpty();
            String id = e.get(0).toString();
            assertThat(ids.add(id)).as("unique " + id).isTrue();
            int year = Events.occurredAt(e).atZone(ZoneId.of("Asia/Shanghai")).getYear();
            assertThat(year).isEqualTo(e.get(1).toString().equals("310118") ? 2017 : 2019);
        }
        List<SpecificRecord> events = sample.events();
        for (int i = 1; i < events.size(); i++) {
            String prev = dev.indicators.contract.validation.EventJson.caseKey(events.get(i - 1));
            if (prev.equals(dev.indicators.contract.validation.EventJson.caseKey(events.get(i)))) {
                assertThat(Events.occurredAt(events.get(i))).isAfter(Events.occurredAt(events.get(i - 1)));
            }
        }
    }

    @Test
    void ids_are_deterministic_and_readable() {
        List<SpecificRecord> again = PublishedFiguresSample.load().events();
        assertThat(again).isEqualTo(sample.events());
        assertThat(sample.events()).extracting(e -> e.get(0).toString())
                .contains("qp-2017-rc-000142-applied", "qp-2017-md-010876-received", "qp-2017-cert-001692-issued", "yq-2019-rc-000008-accepted");
        assertThat(sample.events()).hasSize(142 + 79 + 21 + 42 + 68 + 2 * 10876 + 1692 + 8 * 2 + 2 * 3281 + 17 + 8 + 7);
        assertThat(sample.events()).extracting(e -> e.get(0).toString()).contains("qp-2017-lt-000017-responded", "yq-2019-lt-000007-responded");
    }

    /** The recount's total for a totals key {@code region|indicator|period}. */
    private static long total(Recount recount, String key) {
        String[] k = key.split("\\|");
        return recount.count(k[0], k[1], k[2], java.time.LocalDate.now(Recount.CHINA));
    }
}
