package dev.indicators.contract.litigation;

import dev.indicators.contract.avro.CourtLevel;
import dev.indicators.contract.avro.LitigationEvent;
import dev.indicators.contract.avro.LitigationOutcome;
import dev.indicators.contract.avro.LitigationStage;
import dev.indicators.contract.cases.CaseCount;
import dev.indicators.contract.cases.CaseState;
import dev.indicators.contract.cases.EventFingerprint;
import dev.indicators.contract.indicator.IndicatorName;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;

import static dev.indicators.contract.litigation.LitigationIndicators.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** The counting rules of administrative litigation, straight from a suit's events (no topology). */
@DisplayName("Litigation: a suit counts once when responded, heard, concluded, in its court level, from its current state")
class LitigationCountingSpec {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String QINGPU = "310118";
    private static final String YANGQUAN = "140300";
    private static final EventFingerprint ANY = new EventFingerprint(new byte[EventFingerprint.LENGTH]);
    private final LitigationCounting rules = new LitigationCounting();

    private static LitigationEvent event(String id, String shanghaiTime, String region, LitigationStage stage, CourtLevel level,
                                         Boolean headAppeared, LitigationOutcome outcome) {
        return new LitigationEvent(id, region, "gov", LocalDateTime.parse(shanghaiTime).atZone(SHANGHAI).toInstant(), "QP-XZ-1",
                stage, level, headAppeared, outcome);
    }

    private Map<CaseCount, Integer> count(LitigationEvent... events) {
        CaseState state = CaseState.EMPTY;
        for (LitigationEvent e : events) state = state.with(rules.factOf(e, ANY));
        return rules.count(state).asMap();
    }

    private static CaseCount at(String region, IndicatorName indicator, String day) {
        return new CaseCount(region, indicator, LocalDate.parse(day));
    }

    @Test
    void a_suit_answered_in_the_district_court_and_withdrawn_counts_responded_concluded_and_withdrawn_there() {
        assertThat(count(
                event("a", "2017-03-01T09:00", QINGPU, LitigationStage.RESPONDED, CourtLevel.BASIC, null, null),
                event("b", "2017-05-10T15:00", QINGPU, LitigationStage.CONCLUDED, CourtLevel.BASIC, null, LitigationOutcome.WITHDRAWN)))
                .containsOnly(
                        entry(at(QINGPU, RESPONDED, "2017-03-01"), 1),
                        entry(at(QINGPU, RESPONDED_BASIC_COURT, "2017-03-01"), 1),
                        entry(at(QINGPU, CONCLUDED, "2017-05-10"), 1),
                        entry(at(QINGPU, CONCLUDED_BASIC_COURT, "2017-05-10"), 1),
                        entry(at(QINGPU, OUTCOME_WITHDRAWN, "2017-05-10"), 1));
    }

    @Test
    void a_hearing_the_agency_head_attended_counts_heard_and_head_appeared_once_whatever_the_later_hearings() {
        assertThat(count(
                event("a", "2019-02-01T09:00", YANGQUAN, LitigationStage.RESPONDED, null, null, null),
                event("b", "2019-03-01T09:00", YANGQUAN, LitigationStage.HEARD, null, true, null),
                event("c", "2019-04-01T09:00", YANGQUAN, LitigationStage.HEARD, null, false, null)))
                .as("heard by the later hearing, appeared by the hearing the head attended; no court level named: totals only")
                .containsOnly(
                        entry(at(YANGQUAN, RESPONDED, "2019-02-01"), 1),
                        entry(at(YANGQUAN, HEARD, "2019-04-01"), 1),
                        entry(at(YANGQUAN, HEAD_APPEARED, "2019-03-01"), 1));
        assertThat(count(
                event("a", "2019-02-01T09:00", YANGQUAN, LitigationStage.RESPONDED, null, null, null),
                event("b", "2019-03-01T09:00", YANGQUAN, LitigationStage.HEARD, null, false, null)))
                .as("a hearing without the head is heard, not appeared")
                .containsOnlyKeys(at(YANGQUAN, RESPONDED, "2019-02-01"), at(YANGQUAN, HEARD, "2019-03-01"));
    }

    @Test
    void an_appeal_moves_the_suit_to_the_intermediate_court_and_an_amended_outcome_moves_the_suit_to_the_new_outcome() {
        assertThat(count(
                event("a", "2017-01-05T09:00", QINGPU, LitigationStage.RESPONDED, CourtLevel.BASIC, null, null),
                event("b", "2017-06-05T09:00", QINGPU, LitigationStage.CONCLUDED, CourtLevel.INTERMEDIATE, null, LitigationOutcome.LOST),
                event("c", "2017-06-05T09:00", QINGPU, LitigationStage.CONCLUDED, CourtLevel.INTERMEDIATE, null, LitigationOutcome.SUIT_DISMISSED)))
                .as("on equal occurredAt the later arrival wins; the court level of the latest event that names one")
                .containsOnly(
                        entry(at(QINGPU, RESPONDED, "2017-01-05"), 1),
                        entry(at(QINGPU, RESPONDED_INTERMEDIATE_COURT, "2017-01-05"), 1),
                        entry(at(QINGPU, CONCLUDED, "2017-06-05"), 1),
                        entry(at(QINGPU, CONCLUDED_INTERMEDIATE_COURT, "2017-06-05"), 1),
                        entry(at(QINGPU, OUTCOME_SUIT_DISMISSED, "2017-06-05"), 1));
    }

    @Test
    void a_suit_counts_in_the_region_of_its_latest_event_and_high_and_supreme_courts_are_higher_courts() {
        assertThat(count(
                event("a", "2019-01-05T09:00", QINGPU, LitigationStage.RESPONDED, CourtLevel.SUPREME, null, null),
                event("b", "2019-02-05T09:00", YANGQUAN, LitigationStage.HEARD, null, null, null)))
                .containsOnly(
                        entry(at(YANGQUAN, RESPONDED, "2019-01-05"), 1),
                        entry(at(YANGQUAN, RESPONDED_HIGHER_COURT, "2019-01-05"), 1),
                        entry(at(YANGQUAN, HEARD, "2019-02-05"), 1));
    }

    @Test
    void a_conclusion_without_an_outcome_counts_concluded_only_and_an_empty_suit_counts_nothing() {
        assertThat(count(event("a", "2019-01-05T09:00", QINGPU, LitigationStage.CONCLUDED, null, null, null)))
                .containsOnlyKeys(at(QINGPU, RESPONDED, "2019-01-05"), at(QINGPU, CONCLUDED, "2019-01-05"));
        assertThat(rules.count(CaseState.EMPTY).asMap()).isEmpty();
    }

    @Test
    void the_appearance_and_loss_rates_are_computed_from_counts() {
        assertThat(HEAD_APPEARANCE_RATE.numerator()).containsExactly(HEAD_APPEARED);
        assertThat(HEAD_APPEARANCE_RATE.denominator()).containsExactly(HEARD);
        assertThat(LOSS_RATE.numerator()).containsExactly(OUTCOME_LOST);
        assertThat(LOSS_RATE.denominator()).containsExactly(CONCLUDED);
        assertThat(OUTCOME_LOST.ratesUsing()).containsExactly(LOSS_RATE);
        assertThat(IndicatorName.find("litigation.loss_rate")).contains(LOSS_RATE);
    }
}
