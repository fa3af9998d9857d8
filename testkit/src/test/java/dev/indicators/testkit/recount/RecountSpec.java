package dev.indicators.testkit.recount;

import dev.indicators.contract.avro.CertificateAction;
import dev.indicators.contract.avro.CertificateEvent;
import dev.indicators.contract.avro.CourtLevel;
import dev.indicators.contract.avro.DisputeCategory;
import dev.indicators.contract.avro.LitigationEvent;
import dev.indicators.contract.avro.LitigationOutcome;
import dev.indicators.contract.avro.LitigationStage;
import dev.indicators.contract.avro.MediationEvent;
import dev.indicators.contract.avro.MediationStatus;
import dev.indicators.contract.avro.MediationType;
import dev.indicators.contract.avro.ReconsiderationEvent;
import dev.indicators.contract.avro.ReconsiderationOutcome;
import dev.indicators.contract.avro.ReconsiderationStage;
import dev.indicators.contract.indicator.IndicatorName;
import dev.indicators.contract.region.RegionTable;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The recount (the oracle of the tests and the bench), on hand-made cases, by the rules of docs/design.md. */
class RecountSpec {

    private static final RegionTable TABLE = RegionTable.bundled();
    private static final String COUNTY = "310118"; // Qingpu, under 310100 Shanghai's districts
    private static final LocalDate TODAY = LocalDate.of(2018, 6, 30);

    private static Instant at(String text) {
        return OffsetDateTime.parse(text).toInstant();
    }

    private static Recount recount(List<org.apache.avro.specific.SpecificRecord> events) {
        EventTape tape = EventTape.forSimulatedCases(4);
        events.forEach(tape::record);
        return new Recount(TABLE, List.of("000000", "310000", COUNTY), LocalDate.of(2016, 12, 1), TODAY).add(tape);
    }

    private static ReconsiderationEvent r(String id, String caseId, String when, ReconsiderationStage stage, ReconsiderationOutcome outcome) {
        return new ReconsiderationEvent(id, COUNTY, "gov", at(when), caseId, stage, outcome);
    }

    @Test
    void reconsiderationCountsTheLatestOfEachSlotInTheRegionAndAboveIt() {
        Recount recount = recount(List.of(
                r("e1", "RC-310118-s1-00000001", "2017-03-02T10:00:00+08:00", ReconsiderationStage.APPLIED, null),
                r("e2", "RC-310118-s1-00000001", "2017-03-05T10:00:00+08:00", ReconsiderationStage.ACCEPTED, null),
                r("e3", "RC-310118-s1-00000001", "2017-05-10T10:00:00+08:00", ReconsiderationStage.CONCLUDED, ReconsiderationOutcome.UPHELD),
                // an amended outcome, later: the case moves to revoked
                r("e4", "RC-310118-s1-00000001", "2017-05-12T10:00:00+08:00", ReconsiderationStage.CONCLUDED, ReconsiderationOutcome.REVOKED),
                // a case concluded without a disposition is accepted, dated by its conclusion
                r("e5", "RC-310118-s1-00000002", "2017-04-01T10:00:00+08:00", ReconsiderationStage.CONCLUDED, ReconsiderationOutcome.DISMISSED)));

        for (String region : List.of(COUNTY, "310000", "000000")) {
            assertThat(recount.expected(region, "reconsideration.applied", "year:2017", TODAY).value()).isEqualTo(2);
            assertThat(recount.expected(region, "reconsideration.accepted", "month:2017-03", TODAY).value()).isEqualTo(1);
            assertThat(recount.expected(region, "reconsideration.accepted", "month:2017-04", TODAY).value()).isEqualTo(1);
            assertThat(recount.expected(region, "reconsideration.concluded", "quarter:2017Q2", TODAY).value()).isEqualTo(2);
            assertThat(recount.expected(region, "reconsideration.outcome.upheld", "all", TODAY).value()).isZero();
            assertThat(recount.expected(region, "reconsideration.outcome.revoked", "day:2017-05-12", TODAY).value()).isEqualTo(1);
        }
        Recount.Expected rate = recount.expected(COUNTY, "reconsideration.correction_rate", "all", TODAY);
        assertThat(rate.numerator()).isEqualTo(1);
        assertThat(rate.denominator()).isEqualTo(2);
        assertThat(rate.value()).isEqualTo(0.5);
        assertThat(recount.cases()).isEqualTo(2);
    }

    @Test
    void mediationResultAndAgreements() {
        Recount recount = recount(List.of(
                new MediationEvent("m1", COUNTY, "j", at("2017-06-01T09:00:00+08:00"), "MD-310118-s1-00000003", MediationStatus.RECEIVED,
                        MediationType.PEOPLES, DisputeCategory.FAMILY, null),
                new MediationEvent("m2", COUNTY, "j", at("2017-06-09T09:00:00+08:00"), "MD-310118-s1-00000003", MediationStatus.SUCCEEDED,
                        MediationType.PEOPLES, DisputeCategory.FAMILY, true),
                new MediationEvent("m3", COUNTY, "j", at("2017-06-02T09:00:00+08:00"), "MD-310118-s1-00000004", MediationStatus.RECEIVED,
                        MediationType.PEOPLES, DisputeCategory.LABOUR, null),
                new MediationEvent("m4", COUNTY, "j", at("2017-07-02T09:00:00+08:00"), "MD-310118-s1-00000004", MediationStatus.FAILED,
                        MediationType.PEOPLES, DisputeCategory.LABOUR, null)));
        assertThat(recount.expected("000000", "mediation.received", "month:2017-06", TODAY).value()).isEqualTo(2);
        assertThat(recount.expected("000000", "mediation.agreements", "month:2017-06", TODAY).value()).isEqualTo(1);
        Recount.Expected june = recount.expected("000000", "mediation.success_rate", "month:2017-06", TODAY);
        assertThat(june.numerator()).isEqualTo(1);
        assertThat(june.denominator()).isEqualTo(1);
        Recount.Expected none = recount.expected("000000", "mediation.success_rate", "month:2017-08", TODAY);
        assertThat(none.denominator()).isZero();
        assertThat(none.value()).isNaN();
    }

    @Test
    void certificatesReviewOncePerYearAndTheStockAtThePeriodsEnd() {
        String no = "ZF-310118-s1-00000005";
        Recount recount = recount(List.of(
                new CertificateEvent("c1", COUNTY, "j", at("2017-01-10T09:00:00+08:00"), no, "health", CertificateAction.ISSUED),
                new CertificateEvent("c2", COUNTY, "j", at("2017-03-10T09:00:00+08:00"), no, "health", CertificateAction.ANNUAL_REVIEW_FAILED),
                new CertificateEvent("c3", COUNTY, "j", at("2017-04-10T09:00:00+08:00"), no, "health", CertificateAction.SUSPENDED),
                new CertificateEvent("c4", COUNTY, "j", at("2017-05-10T09:00:00+08:00"), no, "health", CertificateAction.ANNUAL_REVIEW_PASSED),
                new CertificateEvent("c5", COUNTY, "j", at("2017-08-10T09:00:00+08:00"), no, "health", CertificateAction.REINSTATED)));
        assertThat(recount.expected(COUNTY, "certificates.annual_review_passed", "year:2017", TODAY).value()).isEqualTo(1);
        assertThat(recount.expected(COUNTY, "certificates.annual_review_failed", "year:2017", TODAY).value()).isZero();
        assertThat(recount.expected(COUNTY, "certificates.active", "month:2017-02", TODAY).value()).isEqualTo(1);
        assertThat(recount.expected(COUNTY, "certificates.active", "month:2017-06", TODAY).value()).isZero();
        assertThat(recount.expected(COUNTY, "certificates.active", "quarter:2017Q3", TODAY).value()).isEqualTo(1);
        assertThat(recount.expected(COUNTY, "certificates.active", "all", TODAY).value()).isEqualTo(1);
        assertThat(recount.expected(COUNTY, "certificates.active", "month:2016-12", TODAY).value()).isZero();
        assertThat(recount.expected("310000", "certificates.suspended", "all", TODAY).value()).isEqualTo(1);
    }

    private static LitigationEvent l(String id, String caseId, String when, LitigationStage stage, CourtLevel court, Boolean head, LitigationOutcome outcome) {
        return new LitigationEvent(id, COUNTY, "gov", at(when), caseId, stage, court, head, outcome);
    }

    @Test
    void litigationCountsTheSuitInTheCourtOfItsLatestEventNamingOneAndTheHeadsAppearance() {
        String suit = "LT-310118-s1-00000006";
        Recount recount = recount(List.of(
                l("l1", suit, "2017-02-01T09:00:00+08:00", LitigationStage.RESPONDED, CourtLevel.BASIC, null, null),
                l("l2", suit, "2017-03-01T09:00:00+08:00", LitigationStage.HEARD, null, true, null),
                l("l3", suit, "2017-04-01T09:00:00+08:00", LitigationStage.HEARD, null, false, null),
                // an appeal: the whole suit moves to the intermediate court
                l("l4", suit, "2017-06-01T09:00:00+08:00", LitigationStage.CONCLUDED, CourtLevel.INTERMEDIATE, null, LitigationOutcome.LOST),
                l("l5", "LT-310118-s1-00000007", "2017-05-01T09:00:00+08:00", LitigationStage.RESPONDED, null, null, null)));
        assertThat(recount.expected("000000", "litigation.responded", "year:2017", TODAY).value()).isEqualTo(2);
        assertThat(recount.expected(COUNTY, "litigation.responded.intermediate_court", "month:2017-02", TODAY).value()).isEqualTo(1);
        assertThat(recount.expected(COUNTY, "litigation.responded.basic_court", "all", TODAY).value()).isZero();
        assertThat(recount.expected(COUNTY, "litigation.heard", "month:2017-04", TODAY).value()).isEqualTo(1);
        assertThat(recount.expected(COUNTY, "litigation.head_appeared", "month:2017-03", TODAY).value()).isEqualTo(1);
        assertThat(recount.expected(COUNTY, "litigation.concluded.intermediate_court", "day:2017-06-01", TODAY).value()).isEqualTo(1);
        Recount.Expected loss = recount.expected("310000", "litigation.loss_rate", "year:2017", TODAY);
        assertThat(loss.numerator()).isEqualTo(1);
        assertThat(loss.denominator()).isEqualTo(1);
        Recount.Expected appearance = recount.expected(COUNTY, "litigation.head_appearance_rate", "all", TODAY);
        assertThat(appearance.numerator()).isEqualTo(1);
        assertThat(appearance.denominator()).isEqualTo(1);
        assertThat(recount.cases()).isEqualTo(2);
    }

    @Test
    void theFirstEventOfAnEventIdStandsAndEveryRegionCanBeAsked() {
        Recount recount = Recount.of(TABLE, List.of(
                r("e1", "R-1", "2017-03-02T10:00:00+08:00", ReconsiderationStage.APPLIED, null),
                r("e2", "R-1", "2017-03-05T10:00:00+08:00", ReconsiderationStage.REJECTED, null),
                // a re-used id with other content: the first one stands
                r("e2", "R-1", "2017-03-06T10:00:00+08:00", ReconsiderationStage.ACCEPTED, null)));
        assertThat(recount.count("310100", "reconsideration.rejected", "all", TODAY)).isEqualTo(1);
        assertThat(recount.count("310100", "reconsideration.accepted", "all", TODAY)).isZero();
        assertThat(recount.count("410212", "reconsideration.applied", "all", TODAY)).as("a region without events").isZero();
    }

    @Test
    void theRecountAnswersEveryIndicatorOfTheContractAndNoOther() {
        assertThat(Recount.indicators()).containsExactlyInAnyOrderElementsOf(IndicatorName.allTexts());
    }
}
