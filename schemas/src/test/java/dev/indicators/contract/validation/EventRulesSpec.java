package dev.indicators.contract.validation;

import dev.indicators.contract.EventType;
import dev.indicators.contract.avro.CertificateAction;
import dev.indicators.contract.avro.CertificateEvent;
import dev.indicators.contract.avro.IndicatorTotal;
import dev.indicators.contract.avro.MediationEvent;
import dev.indicators.contract.avro.MediationStatus;
import dev.indicators.contract.avro.ReconsiderationEvent;
import dev.indicators.contract.avro.ReconsiderationOutcome;
import dev.indicators.contract.avro.ReconsiderationStage;
import dev.indicators.contract.region.RegionTable;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rules every publishing path and the streams app apply to a typed event, one sentence each, for all three event
 * types (EventJsonTest covers the JSON reading; these are the rules on events already read).
 */
@DisplayName("Event rules: what makes a typed event valid, for every event type")
class EventRulesSpec {

    private static final Instant NOW = Instant.parse("2026-11-24T00:00:00Z");
    private static final Instant JUNE_2019 = Instant.parse("2019-06-01T01:00:00Z");
    private final EventLimits limits = EventLimits.defaults();
    private final EventRules rules = new EventRules(RegionTable.bundled(), limits, Clock.fixed(NOW, ZoneOffset.UTC));

    private static ReconsiderationEvent reconsideration(ReconsiderationStage stage, ReconsiderationOutcome outcome) {
        return new ReconsiderationEvent("r-1", "310118", "qingpu-gov", JUNE_2019, "QP-1", stage, outcome);
    }

    private static MediationEvent mediation(MediationStatus status, Boolean agreement) {
        return new MediationEvent("m-1", "140300", "yangquan-justice", JUNE_2019, "YQ-1", status, null, null, agreement);
    }

    private static CertificateEvent certificate(String holder) {
        return new CertificateEvent("c-1", "410212", "xiangfu-gov", JUNE_2019, "XF-C-1", holder, CertificateAction.ISSUED);
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    @Test
    void a_well_formed_event_of_each_type_has_no_violation() {
        assertThat(rules.check(reconsideration(ReconsiderationStage.CONCLUDED, ReconsiderationOutcome.UPHELD))).isEmpty();
        assertThat(rules.check(mediation(MediationStatus.SUCCEEDED, true))).isEmpty();
        assertThat(rules.check(certificate("xiangfu-market"))).isEmpty();
        assertThat(rules.check(certificate(null))).as("the holder agency is optional").isEmpty();
    }

    @Test
    void an_outcome_before_the_case_concluded_is_refused_naming_the_stage() {
        assertThat(rules.check(reconsideration(ReconsiderationStage.ACCEPTED, ReconsiderationOutcome.REVOKED))).singleElement()
                .satisfies(e -> assertThat(e.field()).isEqualTo("outcome"))
                .satisfies(e -> assertThat(e.value()).isEqualTo("REVOKED"))
                .satisfies(e -> assertThat(e.reason()).contains("CONCLUDED").contains("ACCEPTED"));
    }

    @Test
    void a_signed_agreement_is_only_allowed_with_a_successful_mediation() {
        assertThat(rules.check(mediation(MediationStatus.FAILED, true))).singleElement()
                .satisfies(e -> assertThat(e.field()).isEqualTo("agreementSigned"))
                .satisfies(e -> assertThat(e.reason()).contains("SUCCEEDED").contains("FAILED"));
        assertThat(rules.check(mediation(MediationStatus.FAILED, false))).as("an agreement not signed is no violation").isEmpty();
        assertThat(rules.check(mediation(MediationStatus.RECEIVED, null))).isEmpty();
    }

    @Test
    void a_case_without_its_case_id_or_certificate_number_is_refused() {
        ReconsiderationEvent r = reconsideration(ReconsiderationStage.APPLIED, null);
        r.setCaseId(" ");
        assertThat(fields(rules.check(r))).containsExactly("caseId");
        MediationEvent m = mediation(MediationStatus.RECEIVED, null);
        m.setCaseId("");
        assertThat(fields(rules.check(m))).containsExactly("caseId");
        CertificateEvent c = certificate(null);
        c.setCertificateNo(null);
        assertThat(fields(rules.check(c))).containsExactly("certificateNo");
    }

    @Test
    void ids_and_texts_longer_than_the_limits_are_refused_with_their_length() {
        String longId = "x".repeat(limits.maxIdLength() + 1);
        ReconsiderationEvent r = reconsideration(ReconsiderationStage.APPLIED, null);
        r.setDepartment(longId);
        assertThat(rules.check(r)).singleElement()
                .satisfies(e -> assertThat(e.field()).isEqualTo("department"))
                .satisfies(e -> assertThat(e.reason()).isEqualTo("is " + longId.length() + " characters long, at most " + limits.maxIdLength() + " allowed"));
        ReconsiderationEvent exactlyAtLimit = reconsideration(ReconsiderationStage.APPLIED, null);
        exactlyAtLimit.setDepartment("x".repeat(limits.maxIdLength()));
        assertThat(rules.check(exactlyAtLimit)).as("an id of exactly the limit is allowed").isEmpty();

        String longText = "y".repeat(limits.maxTextLength() + 1);
        assertThat(rules.check(certificate(longText))).singleElement()
                .satisfies(e -> assertThat(e.field()).isEqualTo("holderAgency"));
        assertThat(rules.check(certificate("y".repeat(limits.maxTextLength())))).isEmpty();
    }

    @Test
    void every_common_field_is_checked_on_every_type() {
        for (SpecificRecord e : List.<SpecificRecord>of(reconsideration(ReconsiderationStage.APPLIED, null),
                mediation(MediationStatus.RECEIVED, null), certificate(null))) {
            e.put(0, null);           // eventId
            e.put(1, "999999");      // regionCode
            e.put(2, "");            // department
            e.put(3, NOW.plus(Duration.ofDays(1))); // occurredAt
            assertThat(fields(rules.check(e))).as(e.getClass().getSimpleName())
                    .containsExactly("eventId", "regionCode", "department", "occurredAt");
        }
    }

    @Test
    void the_clock_skew_and_the_year_2000_are_the_edges_of_time() {
        ReconsiderationEvent atTheEdge = reconsideration(ReconsiderationStage.APPLIED, null);
        atTheEdge.setOccurredAt(NOW.plus(limits.maxClockSkew()));
        assertThat(rules.check(atTheEdge)).as("exactly the allowed skew ahead").isEmpty();
        atTheEdge.setOccurredAt(NOW.plus(limits.maxClockSkew()).plusMillis(1));
        assertThat(rules.check(atTheEdge)).singleElement().satisfies(e -> assertThat(e.reason()).contains("future"));
        atTheEdge.setOccurredAt(limits.earliest());
        assertThat(rules.check(atTheEdge)).as("2000-01-01 00:00 in Asia/Shanghai").isEmpty();
        atTheEdge.setOccurredAt(limits.earliest().minusMillis(1));
        assertThat(rules.check(atTheEdge)).singleElement().satisfies(e -> assertThat(e.reason()).contains("before 2000-01-01"));
    }

    @Test
    void a_record_that_is_no_indicator_event_is_refused_and_require_throws_every_violation() {
        IndicatorTotal notAnEvent = new IndicatorTotal();
        assertThat(rules.check(notAnEvent)).singleElement()
                .satisfies(e -> assertThat(e.field()).isEqualTo("type"))
                .satisfies(e -> assertThat(e.value()).isEqualTo("IndicatorTotal"));
        ReconsiderationEvent twoWrong = reconsideration(ReconsiderationStage.APPLIED, ReconsiderationOutcome.REVOKED);
        twoWrong.setRegionCode("999999");
        assertThatThrownBy(() -> rules.require(twoWrong)).isInstanceOfSatisfying(InvalidEventException.class,
                e -> assertThat(fields(e.errors())).containsExactlyInAnyOrder("regionCode", "outcome"));
        rules.require(reconsideration(ReconsiderationStage.APPLIED, null)); // a valid event passes without a word
    }

    @Test
    void each_type_knows_its_key_and_name_and_its_json_form_reads_back_equal() {
        EventJson json = new EventJson(rules);
        assertThat(EventJson.typeOf(reconsideration(ReconsiderationStage.APPLIED, null))).isEqualTo(EventType.RECONSIDERATION);
        assertThat(EventJson.typeOf(mediation(MediationStatus.RECEIVED, null))).isEqualTo(EventType.MEDIATION);
        assertThat(EventJson.typeOf(certificate(null))).isEqualTo(EventType.CERTIFICATE);
        assertThat(EventJson.caseKey(mediation(MediationStatus.RECEIVED, null))).isEqualTo("YQ-1");
        assertThat(EventJson.caseKey(certificate(null))).isEqualTo("XF-C-1");
        assertThatThrownBy(() -> EventJson.typeOf(new IndicatorTotal())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventJson.caseKey(new IndicatorTotal())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventJson.toJson(new IndicatorTotal())).isInstanceOf(IllegalArgumentException.class);

        MediationEvent m = new MediationEvent("m-2", "140300", "yangquan-justice", JUNE_2019, "YQ-2", MediationStatus.SUCCEEDED,
                dev.indicators.contract.avro.MediationType.PEOPLES, dev.indicators.contract.avro.DisputeCategory.NEIGHBOUR, true);
        CertificateEvent c = certificate("xiangfu-market");
        for (SpecificRecord e : List.<SpecificRecord>of(m, c, certificate(null), mediation(MediationStatus.RECEIVED, null))) {
            ParsedEvent back = json.parse(EventJson.toJson(e).toString());
            assertThat(back.errors()).as(e.toString()).isEmpty();
            assertThat(back.event()).isEqualTo(e);
        }
        assertThat(EventJson.toJson(m).get("occurredAt").asText()).as("written in Asia/Shanghai time").isEqualTo("2019-06-01T09:00+08:00");
    }

    @Test
    void json_that_is_no_object_is_named_as_such() {
        EventJson json = new EventJson(rules);
        assertThat(json.parse("[1,2]").errors()).singleElement()
                .satisfies(e -> assertThat(e.field()).isEqualTo("(json)"))
                .satisfies(e -> assertThat(e.reason()).isEqualTo("expected a JSON object"));
        assertThat(json.parse("{\"eventId\": \n\n").errors()).singleElement()
                .satisfies(e -> assertThat(e.reason()).startsWith("malformed JSON: ").doesNotContain("\n"));
    }

    private static dev.indicators.contract.avro.LitigationEvent litigation(dev.indicators.contract.avro.LitigationStage stage,
                                                                           Boolean headAppeared, dev.indicators.contract.avro.LitigationOutcome outcome) {
        return new dev.indicators.contract.avro.LitigationEvent("l-1", "310118", "qingpu-gov", JUNE_2019, "QP-XZ-1", stage,
                dev.indicators.contract.avro.CourtLevel.BASIC, headAppeared, outcome);
    }

    @Test
    void a_litigation_outcome_only_with_its_conclusion_and_the_heads_appearance_only_with_a_hearing_naming_field_and_value() {
        var stage = dev.indicators.contract.avro.LitigationStage.class;
        assertThat(rules.check(litigation(dev.indicators.contract.avro.LitigationStage.CONCLUDED, null,
                dev.indicators.contract.avro.LitigationOutcome.CLAIMS_DISMISSED))).isEmpty();
        assertThat(rules.check(litigation(dev.indicators.contract.avro.LitigationStage.HEARD, true, null))).isEmpty();
        assertThat(rules.check(litigation(dev.indicators.contract.avro.LitigationStage.RESPONDED, null,
                dev.indicators.contract.avro.LitigationOutcome.LOST))).singleElement()
                .satisfies(e -> assertThat(e.field()).isEqualTo("outcome"))
                .satisfies(e -> assertThat(e.value()).isEqualTo("LOST"))
                .satisfies(e -> assertThat(e.reason()).contains("CONCLUDED", "RESPONDED"));
        assertThat(rules.check(litigation(dev.indicators.contract.avro.LitigationStage.CONCLUDED, false, null))).singleElement()
                .satisfies(e -> assertThat(e.field()).isEqualTo("headAppeared"))
                .satisfies(e -> assertThat(e.value()).isEqualTo("false"))
                .satisfies(e -> assertThat(e.reason()).contains("HEARD"));
        assertThat(stage.getEnumConstants()).hasSize(3);
    }

    @Test
    void a_litigation_event_is_read_from_json_with_every_bad_field_named_and_reads_back_equal() {
        EventJson json = new EventJson(rules);
        ParsedEvent bad = json.parse("""
                {"eventId":"l-2","type":"litigation","regionCode":"310118","department":"qingpu-gov",
                 "occurredAt":"2019-06-01T09:00:00+08:00","caseId":"QP-XZ-2","stage":"judged","courtLevel":"county",
                 "headAppeared":"yes","verdict":"lost"}""");
        assertThat(bad.type()).contains(EventType.LITIGATION);
        assertThat(bad.errors()).extracting(FieldError::field, FieldError::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple("stage", "judged"),
                org.assertj.core.groups.Tuple.tuple("courtLevel", "county"),
                org.assertj.core.groups.Tuple.tuple("headAppeared", "\"yes\""),
                org.assertj.core.groups.Tuple.tuple("verdict", "\"lost\""));
        assertThat(bad.errors().get(0).reason()).contains("RESPONDED, HEARD, CONCLUDED");

        ParsedEvent good = json.parse("""
                {"eventId":"l-3","type":"litigation","regionCode":"310118","department":"qingpu-gov",
                 "occurredAt":"2019-06-01T09:00:00+08:00","caseId":"QP-XZ-3","stage":"concluded","courtLevel":"intermediate",
                 "outcome":"suit-dismissed"}""");
        assertThat(good.errors()).isEmpty();
        assertThat(EventJson.caseKey(good.event())).isEqualTo("QP-XZ-3");
        assertThat(json.parse(EventJson.toJson(good.event()).toString()).event()).isEqualTo(good.event());
        assertThat(EventJson.toJson(good.event()).get("outcome").asText()).isEqualTo("SUIT_DISMISSED");
    }
}
