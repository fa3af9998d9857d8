package dev.indicators.streams.cases;

import dev.indicators.contract.certificate.CertificateIndicators;
import dev.indicators.contract.mediation.MediationIndicators;
import dev.indicators.contract.reconsideration.ReconsiderationIndicators;
import dev.indicators.contract.cases.EventFingerprint;
import dev.indicators.contract.cases.CaseCounting;
import dev.indicators.contract.cases.CaseCount;
import dev.indicators.contract.cases.CaseState;
import dev.indicators.contract.cases.CaseFact;
import dev.indicators.contract.avro.CertificateAction;
import dev.indicators.contract.avro.MediationStatus;
import dev.indicators.contract.avro.ReconsiderationOutcome;
import dev.indicators.contract.avro.ReconsiderationStage;
import dev.indicators.contract.certificate.CertificateCounting;
import dev.indicators.contract.mediation.MediationCounting;
import dev.indicators.contract.reconsideration.ReconsiderationCounting;
import dev.indicators.contract.indicator.IndicatorName;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure counting rules, straight from case states (no topology): what a case counts for, and on which day. */
@DisplayName("Counting rules as pure functions of a case state")
class CountingRulesTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String QINGPU = "310118";
    private static final String XIANGFU = "410212";
    private static final EventFingerprint ANY = new EventFingerprint(new byte[EventFingerprint.LENGTH]);

    private static CaseFact fact(String id, String shanghaiTime, String region, int kind, int detail) {
        long at = LocalDateTime.parse(shanghaiTime).atZone(SHANGHAI).toInstant().toEpochMilli();
        return new CaseFact(0, id, ANY, at, region, kind, detail);
    }

    private static CaseState state(CaseFact... facts) {
        CaseState s = CaseState.EMPTY;
        for (CaseFact f : facts) s = s.with(f);
        return s;
    }

    private static Map<CaseCount, Integer> count(CaseCounting rules, CaseFact... facts) {
        return rules.count(state(facts)).asMap();
    }

    private static CaseCount at(String region, IndicatorName indicator, String day) {
        return new CaseCount(region, indicator, LocalDate.parse(day));
    }

    @Test
    @DisplayName("reconsideration: applied by the earliest event; the later disposition wins; outcome with concluded; all in the latest event's region")
    void reconsideration() {
        var rules = new ReconsiderationCounting();
        Map<CaseCount, Integer> counts = count(rules,
                fact("a", "2017-03-02T09:00", QINGPU, ReconsiderationStage.APPLIED.ordinal(), CaseFact.NONE),
                fact("b", "2017-03-05T09:00", QINGPU, ReconsiderationStage.REJECTED.ordinal(), CaseFact.NONE),
                fact("c", "2017-03-06T09:00", QINGPU, ReconsiderationStage.ACCEPTED.ordinal(), CaseFact.NONE),
                fact("d", "2017-05-01T23:30", XIANGFU, ReconsiderationStage.CONCLUDED.ordinal(), ReconsiderationOutcome.REVOKED.ordinal()));
        assertThat(counts).containsOnly(
                Map.entry(at(XIANGFU, ReconsiderationIndicators.APPLIED, "2017-03-02"), 1),
                Map.entry(at(XIANGFU, ReconsiderationIndicators.ACCEPTED, "2017-03-06"), 1),
                Map.entry(at(XIANGFU, ReconsiderationIndicators.CONCLUDED, "2017-05-01"), 1),
                Map.entry(at(XIANGFU, ReconsiderationIndicators.OUTCOME_REVOKED, "2017-05-01"), 1));
    }

    @Test
    @DisplayName("reconsideration: concluded without a disposition is accepted on the concluding day; a tie is won by the later arrival")
    void reconsiderationTies() {
        var rules = new ReconsiderationCounting();
        Map<CaseCount, Integer> counts = count(rules,
                fact("a", "2017-09-30T10:15", QINGPU, ReconsiderationStage.CONCLUDED.ordinal(), ReconsiderationOutcome.UPHELD.ordinal()),
                fact("b", "2017-09-30T10:15", QINGPU, ReconsiderationStage.CONCLUDED.ordinal(), CaseFact.NONE));
        assertThat(counts).containsOnly(
                Map.entry(at(QINGPU, ReconsiderationIndicators.APPLIED, "2017-09-30"), 1),
                Map.entry(at(QINGPU, ReconsiderationIndicators.ACCEPTED, "2017-09-30"), 1),
                Map.entry(at(QINGPU, ReconsiderationIndicators.CONCLUDED, "2017-09-30"), 1));
    }

    @Test
    @DisplayName("mediation: received once, the winning result, agreements only when signed, withdrawn apart")
    void mediation() {
        var rules = new MediationCounting();
        Map<CaseCount, Integer> counts = count(rules,
                fact("a", "2017-03-02T09:00", QINGPU, MediationStatus.RECEIVED.ordinal(), CaseFact.NONE),
                fact("b", "2017-03-04T09:00", QINGPU, MediationStatus.FAILED.ordinal(), CaseFact.NONE),
                fact("c", "2017-03-05T09:00", QINGPU, MediationStatus.SUCCEEDED.ordinal(), 1),
                fact("d", "2017-03-07T09:00", QINGPU, MediationStatus.WITHDRAWN.ordinal(), CaseFact.NONE));
        assertThat(counts).containsOnly(
                Map.entry(at(QINGPU, MediationIndicators.RECEIVED, "2017-03-02"), 1),
                Map.entry(at(QINGPU, MediationIndicators.SUCCEEDED, "2017-03-05"), 1),
                Map.entry(at(QINGPU, MediationIndicators.AGREEMENTS, "2017-03-05"), 1),
                Map.entry(at(QINGPU, MediationIndicators.WITHDRAWN, "2017-03-07"), 1));
        assertThat(count(rules, fact("a", "2017-03-05T09:00", QINGPU, MediationStatus.SUCCEEDED.ordinal(), CaseFact.NONE)))
                .doesNotContainKey(at(QINGPU, MediationIndicators.AGREEMENTS, "2017-03-05"));
    }

    @Test
    @DisplayName("certificates: each flow once on its winning day, one review per year, the active stock as +1 / -1 changes")
    void certificates() {
        var rules = new CertificateCounting();
        Map<CaseCount, Integer> counts = count(rules,
                fact("i", "2016-01-10T09:00", QINGPU, CertificateAction.ISSUED.ordinal(), CaseFact.NONE),
                fact("s1", "2016-04-01T09:00", QINGPU, CertificateAction.SUSPENDED.ordinal(), CaseFact.NONE),
                fact("r", "2016-05-01T09:00", QINGPU, CertificateAction.REINSTATED.ordinal(), CaseFact.NONE),
                fact("p", "2016-06-01T09:00", QINGPU, CertificateAction.ANNUAL_REVIEW_FAILED.ordinal(), CaseFact.NONE),
                fact("p2", "2016-07-01T09:00", QINGPU, CertificateAction.ANNUAL_REVIEW_PASSED.ordinal(), CaseFact.NONE),
                fact("s2", "2017-04-01T09:00", QINGPU, CertificateAction.SUSPENDED.ordinal(), CaseFact.NONE));
        assertThat(counts).containsOnly(
                Map.entry(at(QINGPU, CertificateIndicators.ISSUED, "2016-01-10"), 1),
                Map.entry(at(QINGPU, CertificateIndicators.SUSPENDED, "2017-04-01"), 1),
                Map.entry(at(QINGPU, CertificateIndicators.REINSTATED, "2016-05-01"), 1),
                Map.entry(at(QINGPU, CertificateIndicators.ANNUAL_REVIEW_PASSED, "2016-07-01"), 1),
                Map.entry(at(QINGPU, CertificateIndicators.ACTIVE, "2016-01-10"), 1),
                Map.entry(at(QINGPU, CertificateIndicators.ACTIVE, "2016-04-01"), -1),
                Map.entry(at(QINGPU, CertificateIndicators.ACTIVE, "2016-05-01"), 1),
                Map.entry(at(QINGPU, CertificateIndicators.ACTIVE, "2017-04-01"), -1));
    }

    @Test
    @DisplayName("a day is the Asia/Shanghai calendar day: 23:59 and 00:01 local are two days")
    void shanghaiDays() {
        var rules = new MediationCounting();
        assertThat(count(rules, fact("a", "2017-03-02T23:59", QINGPU, MediationStatus.RECEIVED.ordinal(), CaseFact.NONE)))
                .containsOnlyKeys(at(QINGPU, MediationIndicators.RECEIVED, "2017-03-02"));
        assertThat(count(rules, fact("a", "2017-03-03T00:01", QINGPU, MediationStatus.RECEIVED.ordinal(), CaseFact.NONE)))
                .containsOnlyKeys(at(QINGPU, MediationIndicators.RECEIVED, "2017-03-03"));
    }
}
