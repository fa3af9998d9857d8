package dev.indicators.contract.validation;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.indicators.contract.Settings;
import dev.indicators.contract.avro.MediationEvent;
import dev.indicators.contract.region.RegionTable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the JSON paths (import, HTTP) read one field: each bad field is exactly one error naming the field, the value
 * and the reason, and a field that was refused is not read a second time as something else.
 */
@DisplayName("JSON fields: one bad field is one error naming the field, the value and why")
class JsonFieldReadingSpec {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-24T00:00:00Z"), ZoneOffset.UTC);
    private final EventRules rules = new EventRules(RegionTable.bundled(), EventLimits.defaults(), NOW);
    private final EventJson json = new EventJson(rules);

    private static final String MEDIATION = """
            {"eventId":"m1","type":"mediation","regionCode":"140300","department":"yq-justice","occurredAt":"2019-05-01T09:00:00+08:00",
             "caseId":"YQ-M-1","status":"succeeded","mediationType":"peoples","disputeCategory":"neighbour","agreementSigned":true}""";

    private static String messages(String body) {
        return String.join("\n", new EventJson(new EventRules(RegionTable.bundled(), EventLimits.defaults(), NOW)).parse(body)
                .errors().stream().map(FieldError::toString).toList());
    }

    @Test
    void a_good_event_is_valid_and_a_bad_one_is_not() {
        assertThat(json.parse(MEDIATION).valid()).isTrue();
        assertThat(json.parse(MEDIATION.replace("140300", "999999")).valid()).isFalse();
    }

    @Test
    void an_agreement_not_signed_is_read_as_false_not_as_missing() {
        MediationEvent e = (MediationEvent) json.parse(MEDIATION.replace("\"succeeded\"", "\"failed\"")
                .replace("\"agreementSigned\":true", "\"agreementSigned\":false")).event();
        assertThat(e.getAgreementSigned()).isFalse();
        MediationEvent signed = (MediationEvent) json.parse(MEDIATION).event();
        assertThat(signed.getAgreementSigned()).isTrue();
    }

    @Test
    void a_type_that_is_not_a_string_is_one_error_not_also_an_unknown_type() {
        assertThat(messages(MEDIATION.replace("\"type\":\"mediation\"", "\"type\":5")))
                .isEqualTo("field 'type' = '5': must be a string, found number");
    }

    @Test
    void a_blank_type_is_one_error_not_also_an_unknown_type() {
        assertThat(messages(MEDIATION.replace("\"type\":\"mediation\"", "\"type\":\"  \"")))
                .isEqualTo("field 'type' = '  ': must not be blank");
    }

    @Test
    void a_blank_required_field_is_refused() {
        assertThat(messages(MEDIATION.replace("\"caseId\":\"YQ-M-1\"", "\"caseId\":\" \"")))
                .isEqualTo("field 'caseId' = ' ': must not be blank");
    }

    @Test
    void a_control_character_is_named_with_its_code_and_position_even_as_the_first_character() {
        assertThat(messages(MEDIATION.replace("\"YQ-M-1\"", "\"\\u0001YQ-M-1\"")))
                .isEqualTo("field 'caseId' = '\u0001YQ-M-1': contains the control character U+0001 at position 1; text fields must not hold control characters");
        assertThat(messages(MEDIATION.replace("\"type\":\"mediation\"", "\"type\":\"media\\ttion\"")))
                .isEqualTo("field 'type' = 'media\ttion': contains the control character U+0009 at position 6; text fields must not hold control characters");
        assertThat(messages(MEDIATION.replace("\"YQ-M-1\"", "\"YQ-M-1\\u007F\"")))
                .isEqualTo("field 'caseId' = 'YQ-M-1\u007F': contains the control character U+007F at position 7; text fields must not hold control characters");
    }

    @Test
    void malformed_json_is_named_by_the_first_line_of_the_parsers_message() {
        assertThat(json.parse("{\"eventId\": ").errors()).singleElement()
                .satisfies(e -> assertThat(e.field()).isEqualTo("(json)"))
                .satisfies(e -> assertThat(e.reason()).isEqualTo("malformed JSON: Unexpected end-of-input within/between Object entries"));
    }

    @Test
    void a_json_value_that_is_not_an_object_is_named_with_the_value() {
        assertThat(messages("\"an event\"")).isEqualTo("field '(json)' = '\"an event\"': expected a JSON object");
        assertThat(json.parse(TextNode.valueOf("x")).errors()).extracting(FieldError::value).containsExactly("\"x\"");
        assertThat(json.parse((com.fasterxml.jackson.databind.JsonNode) null).errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).isEqualTo("field '(json)': expected a JSON object"));
    }

    @Test
    void a_value_of_up_to_80_characters_is_quoted_whole_and_a_longer_one_abbreviated() {
        String eighty = "x".repeat(80);
        assertThat(new FieldError("caseId", eighty, "r").message()).isEqualTo("field 'caseId' = '" + eighty + "': r");
        assertThat(new FieldError("caseId", eighty + "y", "r").toString()).isEqualTo("field 'caseId' = '" + "x".repeat(77) + "...': r");
    }

    @Test
    void the_rules_keep_the_region_table_and_limits_they_were_given_and_the_clock_skew_is_a_setting() {
        assertThat(rules.regions()).isSameAs(RegionTable.bundled());
        assertThat(rules.limits()).isEqualTo(EventLimits.defaults());
        assertThat(json.rules()).isSameAs(rules);
        EventLimits limits = EventLimits.fromSettings(Settings.of(Map.of("INDICATORS_MAX_CLOCK_SKEW", "2m")));
        assertThat(limits).isEqualTo(new EventLimits(Duration.ofMinutes(2), EventLimits.EARLIEST_DEFAULT, 64, 128));
    }
}
