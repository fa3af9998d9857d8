package dev.indicators.contract.validation;

import dev.indicators.contract.EventType;
import dev.indicators.contract.avro.MediationEvent;
import dev.indicators.contract.avro.ReconsiderationEvent;
import dev.indicators.contract.avro.ReconsiderationOutcome;
import dev.indicators.contract.region.RegionTable;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The event contract as the JSON paths (import, HTTP) see it: every bad field is named with its value and reason. */
class EventJsonTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-24T00:00:00Z"), ZoneOffset.UTC);
    private final EventJson json = new EventJson(new EventRules(RegionTable.bundled(), EventLimits.defaults(), NOW));

    private static final String GOOD = """
            {"eventId":"qp-2017-000142-c","type":"reconsideration","regionCode":"310118","department":"qingpu-gov",
             "occurredAt":"2017-09-30T10:15:00+08:00","caseId":"QP-2017-000142","stage":"CONCLUDED","outcome":"REVOKED"}""";

    @Test
    void the_design_example_is_accepted_as_a_reconsideration_event() {
        ParsedEvent p = json.parse(GOOD);
        assertThat(p.errors()).isEmpty();
        assertThat(p.type()).contains(EventType.RECONSIDERATION);
        ReconsiderationEvent e = (ReconsiderationEvent) p.event();
        assertThat(e.getOutcome()).isEqualTo(ReconsiderationOutcome.REVOKED);
        assertThat(e.getOccurredAt()).isEqualTo(Instant.parse("2017-09-30T02:15:00Z"));
        assertThat(EventJson.caseKey(e)).isEqualTo("QP-2017-000142");
    }

    @Test
    void enum_values_are_read_case_insensitively_and_stored_canonically() {
        ParsedEvent p = json.parse(GOOD.replace("\"CONCLUDED\"", "\"concluded\"").replace("\"REVOKED\"", "\"Revoked\""));
        assertThat(p.errors()).isEmpty();
        assertThat(EventJson.toJson(p.event()).get("outcome").asText()).isEqualTo("REVOKED");
    }

    @Test
    void the_json_form_round_trips() {
        ParsedEvent p = json.parse(GOOD);
        ParsedEvent again = json.parse(EventJson.toJson(p.event()).toString());
        assertThat(again.event()).isEqualTo(p.event());
    }

    @Test
    void malformed_json_is_named() {
        assertThat(json.parse("{\"eventId\": ").errors()).singleElement()
                .satisfies(e -> assertThat(e.field()).isEqualTo("(json)"))
                .satisfies(e -> assertThat(e.reason()).startsWith("malformed JSON"));
    }

    @Test
    void an_empty_body_is_named() {
        assertThat(json.parse("").errors()).singleElement().satisfies(e -> assertThat(e.reason()).contains("empty"));
    }

    @Test
    void a_wrong_type_names_field_value_and_expected_type() {
        assertThat(json.parse(GOOD.replace("\"310118\"", "310118")).errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).isEqualTo("field 'regionCode' = '310118': must be a string, found number"));
    }

    @Test
    void an_unknown_region_is_refused() {
        assertThat(json.parse(GOOD.replace("310118", "999999")).errors()).singleElement()
                .satisfies(e -> assertThat(e.field()).isEqualTo("regionCode"))
                .satisfies(e -> assertThat(e.value()).isEqualTo("999999"))
                .satisfies(e -> assertThat(e.reason()).contains("unknown GB/T 2260 region code"));
    }

    @Test
    void future_and_ancient_timestamps_are_refused() {
        assertThat(json.parse(GOOD.replace("2017-09-30T10:15:00+08:00", "2026-11-24T09:00:00+08:00")).errors())
                .singleElement().satisfies(e -> assertThat(e.reason()).contains("future"));
        assertThat(json.parse(GOOD.replace("2017-09-30T10:15:00+08:00", "1999-12-31T23:59:59+08:00")).errors())
                .singleElement().satisfies(e -> assertThat(e.reason()).contains("before 2000-01-01"));
        assertThat(json.parse(GOOD.replace("2017-09-30T10:15:00+08:00", "2017-09-30 10:15")).errors())
                .singleElement().satisfies(e -> assertThat(e.reason()).contains("ISO-8601"));
    }

    @Test
    void a_timestamp_within_the_allowed_clock_skew_is_accepted() {
        assertThat(json.parse(GOOD.replace("2017-09-30T10:15:00+08:00", "2026-11-24T08:04:00+08:00")).errors()).isEmpty();
    }

    @Test
    void an_unknown_enum_value_lists_the_allowed_ones() {
        assertThat(json.parse(GOOD.replace("\"REVOKED\"", "\"ANNULLED\"")).errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).isEqualTo(
                        "field 'outcome' = 'ANNULLED': unknown value; expected one of UPHELD, DISMISSED, TERMINATED, REVOKED, CONFIRMED_ILLEGAL, MODIFIED, ORDERED_TO_PERFORM, SETTLED"));
    }

    @Test
    void a_missing_event_id_is_never_filled_in() {
        assertThat(json.parse(GOOD.replace("\"eventId\":\"qp-2017-000142-c\",", "")).errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).isEqualTo("field 'eventId': is required"));
    }

    @Test
    void an_oversized_string_is_refused_with_its_length() {
        String longId = "x".repeat(65);
        assertThat(json.parse(GOOD.replace("QP-2017-000142", longId)).errors()).singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo("is 65 characters long, at most 64 allowed"));
    }

    @Test
    void an_outcome_is_only_allowed_on_a_concluded_case() {
        assertThat(json.parse(GOOD.replace("CONCLUDED", "ACCEPTED")).errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).isEqualTo("field 'outcome' = 'REVOKED': an outcome is only allowed with stage CONCLUDED, not ACCEPTED"));
    }

    @Test
    void an_unknown_type_and_unknown_fields_are_named() {
        assertThat(json.parse(GOOD.replace("\"reconsideration\"", "\"petition\"")).errors()).singleElement()
                .satisfies(e -> assertThat(e.field()).isEqualTo("type"));
        assertThat(json.parse(GOOD.replace("\"stage\"", "\"stag\"")).errors()).extracting(FieldError::field)
                .containsExactlyInAnyOrder("stage", "stag");
    }

    @Test
    void every_error_of_an_event_is_reported_not_just_the_first() {
        String bad = """
                {"type":"mediation","regionCode":"999999","department":"d","occurredAt":"2019-01-01T00:00:00+08:00",
                 "caseId":"c","status":"maybe","agreementSigned":"yes"}""";
        assertThat(json.parse(bad).errors()).extracting(FieldError::field)
                .containsExactlyInAnyOrder("eventId", "status", "agreementSigned", "regionCode");
    }

    @Test
    void a_mediation_success_with_agreement_is_accepted() {
        String ok = """
                {"eventId":"m1","type":"mediation","regionCode":"140300","department":"yq-justice","occurredAt":"2019-05-01T09:00:00+08:00",
                 "caseId":"YQ-M-1","status":"succeeded","mediationType":"peoples","disputeCategory":"neighbour","agreementSigned":true}""";
        ParsedEvent p = json.parse(ok);
        assertThat(p.errors()).isEmpty();
        assertThat(((MediationEvent) p.event()).getAgreementSigned()).isTrue();
    }

    @Test
    void two_events_run_together_are_refused_not_read_as_the_first() {
        assertThat(json.parse(GOOD + GOOD).errors()).singleElement()
                .satisfies(e -> assertThat(e.reason()).startsWith("malformed JSON"));
    }

    @Test
    void rule_violations_are_named_beside_structural_errors() {
        assertThat(json.parse(GOOD.replace("\"qingpu-gov\"", "\"\"").replace("310118", "999999")).errors())
                .extracting(FieldError::field).containsExactlyInAnyOrder("department", "regionCode");
    }
}
