package dev.indicators.producer.simulate;

import dev.indicators.contract.avro.CertificateAction;
import dev.indicators.contract.avro.CertificateEvent;
import dev.indicators.contract.avro.MediationEvent;
import dev.indicators.contract.avro.MediationStatus;
import dev.indicators.contract.avro.ReconsiderationEvent;
import dev.indicators.contract.avro.ReconsiderationOutcome;
import dev.indicators.contract.avro.ReconsiderationStage;
import dev.indicators.contract.region.Region;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.contract.validation.EventJson;
import dev.indicators.contract.validation.EventRules;
import dev.indicators.producer.Fixtures;
import dev.indicators.testkit.events.Events;
import dev.indicators.testkit.recount.Recount;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The simulator: deterministic, realistic, lifecycle-ordered. */
class CaseSimulatorTest {

    private static final Instant FROM = Instant.parse("2021-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2023-12-31T00:00:00Z");
    private static final List<Region> REGIONS = CaseSimulator.caseRegions(RegionTable.bundled());
    private static List<SpecificRecord> events;
    private static Map<String, List<SpecificRecord>> cases;

    @BeforeAll
    static void generate() {
        events = new CaseSimulator(REGIONS, 7, FROM, TO).stream(60_000).toList();
        cases = new HashMap<>();
        for (SpecificRecord e : events) cases.computeIfAbsent(EventJson.caseKey(e), k -> new ArrayList<>()).add(e);
    }

    private static Map<String, List<SpecificRecord>> byCase() {
        return cases;
    }

    @Test
    void cases_happen_in_counties_and_in_cities_without_counties() {
        // every county of the bundled table, and the cities that have none (Dongguan, Zhongshan, Danzhou)
        assertThat(REGIONS).extracting(r -> r.code().value()).hasSize(2_975 + 3).contains("310118", "110101", "441900", "442000", "460400")
                .doesNotContain("310100", "310000", "000000");
        Set<String> caseRegions = REGIONS.stream().map(r -> r.code().value()).collect(Collectors.toSet());
        assertThat(events).extracting(e -> e.get(1).toString()).allMatch(caseRegions::contains);
    }

    @Test
    void exactly_n_valid_events_with_unique_ids_inside_the_range() {
        assertThat(events).hasSize(60_000);
        EventRules rules = Fixtures.rules();
        Set<String> ids = new HashSet<>();
        for (SpecificRecord e : events) {
            assertThat(rules.check(e)).isEmpty();
            assertThat(ids.add(e.get(0).toString())).isTrue();
            assertThat(Events.occurredAt(e)).isBetween(FROM, TO);
        }
    }

    @Test
    void the_same_seed_gives_the_same_events_and_another_seed_other_ones() {
        List<SpecificRecord> again = new CaseSimulator(REGIONS, 7, FROM, TO).stream(2000).toList();
        assertThat(new CaseSimulator(REGIONS, 7, FROM, TO).stream(2000).toList()).isEqualTo(again);
        assertThat(new CaseSimulator(REGIONS, 8, FROM, TO).stream(2000).toList()).isNotEqualTo(again);
    }

    @Test
    void each_case_s_events_come_in_time_order_and_follow_its_lifecycle() {
        for (List<SpecificRecord> c : byCase().values()) {
            for (int i = 1; i < c.size(); i++) assertThat(Events.occurredAt(c.get(i))).isAfter(Events.occurredAt(c.get(i - 1)));
            SpecificRecord first = c.get(0);
            if (first instanceof ReconsiderationEvent r) {
                assertThat(r.getStage()).isEqualTo(ReconsiderationStage.APPLIED);
                List<ReconsiderationStage> stages = c.stream().map(e -> ((ReconsiderationEvent) e).getStage()).toList();
                if (stages.contains(ReconsiderationStage.CONCLUDED) || stages.contains(ReconsiderationStage.WITHDRAWN)) {
                    assertThat(stages).hasSize(3).element(1).isEqualTo(ReconsiderationStage.ACCEPTED);
                }
            } else if (first instanceof MediationEvent m) {
                assertThat(m.getStatus()).isEqualTo(MediationStatus.RECEIVED);
                assertThat(c).hasSizeLessThanOrEqualTo(2);
            } else if (first instanceof dev.indicators.contract.avro.LitigationEvent l) {
                assertThat(l.getStage()).isEqualTo(dev.indicators.contract.avro.LitigationStage.RESPONDED);
                assertThat(c).hasSizeLessThanOrEqualTo(3);
            } else {
                assertThat(((CertificateEvent) first).getAction()).isEqualTo(CertificateAction.ISSUED);
            }
        }
    }

    @Test
    void the_whole_stream_is_nearly_chronological() {
        Instant latest = FROM;
        long late = 0;
        for (SpecificRecord e : events) {
            Instant at = Events.occurredAt(e);
            if (at.isBefore(latest.minus(Duration.ofDays(3)))) late++;
            if (at.isAfter(latest)) latest = at;
        }
        assertThat(late).isLessThan(events.size() / 100);
    }

    private static double fourSigma(double share, long n) {
        return 4 * Math.sqrt(share * (1 - share) / n);
    }

    @Test
    void litigation_suits_are_about_one_case_in_fifty_and_head_appearances_come_only_with_hearings() {
        long suits = byCase().values().stream().filter(c -> c.get(0) instanceof dev.indicators.contract.avro.LitigationEvent).count();
        assertThat((double) suits / byCase().size()).isCloseTo(0.02 / 1.02, within(fourSigma(0.02 / 1.02, byCase().size())));
        for (SpecificRecord e : events) {
            if (e instanceof dev.indicators.contract.avro.LitigationEvent l && l.getHeadAppeared() != null) {
                assertThat(l.getStage()).isEqualTo(dev.indicators.contract.avro.LitigationStage.HEARD);
            }
        }
    }

    @Test
    void reconsideration_dispositions_conclusions_and_outcomes_follow_the_configured_mix() {
        Map<ReconsiderationStage, Long> dispositions = new HashMap<>();
        long accepted = 0, concluded = 0;
        Map<ReconsiderationOutcome, Long> outcomes = new HashMap<>();
        for (List<SpecificRecord> c : byCase().values()) {
            if (!(c.get(0) instanceof ReconsiderationEvent) || c.size() < 2) continue;
            ReconsiderationEvent d = (ReconsiderationEvent) c.get(1);
            dispositions.merge(d.getStage(), 1L, Long::sum);
            // judge conclusions only where the whole 60 days fit in the range
            if (d.getStage() == ReconsiderationStage.ACCEPTED && d.getOccurredAt().isBefore(TO.minus(Duration.ofDays(61)))) {
                accepted++;
                if (c.size() == 3 && ((ReconsiderationEvent) c.get(2)).getStage() == ReconsiderationStage.CONCLUDED) {
                    concluded++;
                    outcomes.merge(((ReconsiderationEvent) c.get(2)).getOutcome(), 1L, Long::sum);
                }
            }
        }
        long all = dispositions.values().stream().mapToLong(Long::longValue).sum();
        // four standard deviations of a share among this many cases (about 0.027 for 0.55 of 5,400): a wrong mix
        // (say 0.50 or 0.60) still fails, the noise of one seed does not
        assertThat((double) dispositions.get(ReconsiderationStage.ACCEPTED) / all).isCloseTo(0.55, within(fourSigma(0.55, all)));
        assertThat((double) dispositions.get(ReconsiderationStage.REJECTED) / all).isCloseTo(0.15, within(fourSigma(0.15, all)));
        assertThat((double) dispositions.get(ReconsiderationStage.CORRECTION_REQUESTED) / all).isCloseTo(0.30, within(fourSigma(0.30, all)));
        assertThat((double) concluded / accepted).isCloseTo(0.85, within(0.02));
        assertThat((double) outcomes.get(ReconsiderationOutcome.UPHELD) / concluded).isCloseTo(0.47, within(0.03));
        assertThat((double) outcomes.get(ReconsiderationOutcome.TERMINATED) / concluded).isCloseTo(0.20, within(0.03));
        assertThat((double) outcomes.get(ReconsiderationOutcome.CONFIRMED_ILLEGAL) / concluded).isCloseTo(0.03, within(0.015));
    }

    @Test
    void mediations_mostly_succeed_and_mostly_with_a_signed_agreement() {
        Recount t = Recount.of(RegionTable.bundled(), events);
        long succeeded = sum(t, "mediation.succeeded"), failed = sum(t, "mediation.failed"), agreements = sum(t, "mediation.agreements");
        assertThat((double) succeeded / (succeeded + failed)).isCloseTo(0.95, within(0.01));
        assertThat((double) agreements / succeeded).isCloseTo(0.85, within(0.01));
        assertThat(sum(t, "mediation.received")).isGreaterThan(sum(t, "reconsideration.applied") * 2);
    }

    @Test
    void certificates_are_reviewed_about_once_a_year_and_some_are_suspended_and_revoked() {
        Recount t = Recount.of(RegionTable.bundled(), events);
        long passed = sum(t, "certificates.annual_review_passed"), failed = sum(t, "certificates.annual_review_failed");
        assertThat(passed).isPositive();
        assertThat((double) failed / (passed + failed)).isCloseTo(0.04, within(0.015));
        assertThat(sum(t, "certificates.suspended")).isPositive();
        assertThat(sum(t, "certificates.revoked")).isPositive();
        for (List<SpecificRecord> c : byCase().values()) {
            if (c.get(0) instanceof CertificateEvent && c.size() > 1 && ((CertificateEvent) c.get(1)).getAction() == CertificateAction.ANNUAL_REVIEW_PASSED) {
                long days = Duration.between(Events.occurredAt(c.get(0)), Events.occurredAt(c.get(1))).toDays();
                assertThat(days).isBetween(340L, 390L);
            }
        }
    }

    @Test
    void events_fall_in_office_hours_in_shanghai() {
        long inHours = events.stream().filter(e -> {
            int h = Events.occurredAt(e).atZone(CaseSimulator.CHINA).getHour();
            return h >= 8 && h < 18;
        }).count();
        assertThat((double) inHours / events.size()).isGreaterThan(0.99);
    }

    @Test
    void busy_and_quiet_regions_differ() {
        Map<String, Long> perRegion = events.stream().collect(Collectors.groupingBy(e -> e.get(1).toString(), Collectors.counting()));
        long max = perRegion.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        long min = perRegion.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        assertThat(max).isGreaterThan(min);
    }

    /** The indicator over every region (the nation) and all time. */
    private static long sum(Recount t, String indicator) {
        return t.count(Recount.NATION, indicator, "all", java.time.LocalDate.now(Recount.CHINA));
    }
}
