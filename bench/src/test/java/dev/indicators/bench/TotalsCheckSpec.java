package dev.indicators.bench;

import dev.indicators.testkit.recount.Recount;
import dev.indicators.testkit.recount.EventTape;
import dev.indicators.contract.avro.MediationEvent;
import dev.indicators.contract.avro.MediationStatus;
import dev.indicators.contract.avro.MediationType;
import dev.indicators.contract.avro.DisputeCategory;
import dev.indicators.contract.avro.CertificateAction;
import dev.indicators.contract.avro.CertificateEvent;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.streams.query.TotalValue;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bench's verdict "totals = batch recount" fails when the totals differ: a wrong value, a missing total or a
 * total that should not be there, on the totals topic and through the query API.
 */
class TotalsCheckSpec {

    private static final RegionTable TABLE = RegionTable.bundled();
    private static final String COUNTY = "310118";
    private static final LocalDate TODAY = LocalDate.of(2017, 8, 20);
    private static final LocalDate FIRST = LocalDate.of(2017, 6, 1);
    private static final LocalDate LAST = LocalDate.of(2017, 8, 10);
    private static final TotalsCheck.Sample SAMPLE = new TotalsCheck.Sample(List.of("000000", "310000", COUNTY),
            List.of("all", "month:2017-06"), FIRST, LAST);

    private static MediationEvent mediation(String id, String caseNo, String when, MediationStatus status, Boolean agreement) {
        return new MediationEvent(id, COUNTY, "j", OffsetDateTime.parse(when).toInstant(), "MD-310118-s1-" + caseNo, status,
                MediationType.PEOPLES, DisputeCategory.FAMILY, agreement);
    }

    private static Recount recount() {
        List<SpecificRecord> events = List.of(
                mediation("m1", "00000001", "2017-06-01T09:00:00+08:00", MediationStatus.RECEIVED, null),
                mediation("m2", "00000001", "2017-07-09T09:00:00+08:00", MediationStatus.SUCCEEDED, true),
                mediation("m3", "00000002", "2017-06-02T09:00:00+08:00", MediationStatus.RECEIVED, null),
                new CertificateEvent("c1", COUNTY, "j", OffsetDateTime.parse("2017-08-10T09:00:00+08:00").toInstant(), "ZF-310118-s1-00000003",
                        "health", CertificateAction.ISSUED));
        EventTape tape = EventTape.forSimulatedCases(4);
        events.forEach(tape::record);
        return TotalsCheck.recount(SAMPLE, tape, TABLE, TODAY);
    }

    /** What a correct topic carries: every nonzero total of the expected kinds, as the recount says. */
    private static Map<String, TotalValue> correctTopic(Recount recount) {
        Map<String, TotalValue> topic = new HashMap<>();
        for (String region : SAMPLE.regions()) {
            for (String indicator : Recount.indicators()) {
                for (String period : TotalsCheck.periodsOf(TotalsCheck.DEFAULT_TOPIC_KINDS, FIRST, LAST)) {
                    Recount.Expected e = recount.expected(region, indicator, period, TODAY);
                    boolean nonzero = e.denominator() == null ? e.value() != 0 : e.denominator() != 0;
                    if (nonzero) topic.put(region + "|" + indicator + "|" + period, value(region, indicator, period, e));
                }
            }
        }
        return topic;
    }

    private static TotalValue value(String region, String indicator, String period, Recount.Expected e) {
        return new TotalValue(region, "county", indicator, period, e.value(), e.numerator(), e.denominator());
    }

    private static List<TotalsCheck.Mismatch> check(Recount recount, Map<String, TotalValue> topic) {
        List<TotalsCheck.Mismatch> found = new ArrayList<>();
        TotalsCheck.Tally tally = new TotalsCheck.Tally("topic", found);
        TotalsCheck.checkTopic(recount, SAMPLE, topic, TotalsCheck.DEFAULT_TOPIC_KINDS, TODAY, tally);
        assertThat(tally.mismatches).as("mismatches counted").isEqualTo(found.size());
        return found;
    }

    @Test
    void aTopicThatEqualsTheRecountPasses() {
        Recount recount = recount();
        Map<String, TotalValue> topic = correctTopic(recount);
        assertThat(topic).containsKey(COUNTY + "|mediation.received|month:2017-06")
                .containsKey("000000|mediation.success_rate|quarter:2017Q3")
                .containsKey("310000|certificates.active|trailing:30d");
        assertThat(check(recount, topic)).isEmpty();
    }

    @Test
    void aWrongValueOnTheTopicIsAMismatch() {
        Recount recount = recount();
        Map<String, TotalValue> topic = correctTopic(recount);
        String key = "310000|mediation.received|month:2017-06";
        topic.put(key, new TotalValue("310000", "province", "mediation.received", "month:2017-06", 3.0, null, null));
        assertThat(check(recount, topic)).singleElement().satisfies(m -> {
            assertThat(m.source()).isEqualTo("topic");
            assertThat(m.region()).isEqualTo("310000");
            assertThat(m.period()).isEqualTo("month:2017-06");
            assertThat(m.expected()).isEqualTo("2");
            assertThat(m.actual()).isEqualTo("3");
        });
    }

    @Test
    void aWrongRateOnTheTopicIsAMismatch() {
        Recount recount = recount();
        Map<String, TotalValue> topic = correctTopic(recount);
        String key = "000000|mediation.success_rate|all";
        topic.put(key, new TotalValue("000000", "nation", "mediation.success_rate", "all", 0.5, 1L, 2L));
        assertThat(check(recount, topic)).singleElement().satisfies(m -> {
            assertThat(m.indicator()).isEqualTo("mediation.success_rate");
            assertThat(m.expected()).isEqualTo("1/1");
            assertThat(m.actual()).isEqualTo("1/2");
        });
    }

    @Test
    void aMissingTotalOfAnExpectedKindIsAMismatch() {
        Recount recount = recount();
        Map<String, TotalValue> topic = correctTopic(recount);
        topic.remove(COUNTY + "|mediation.succeeded|quarter:2017Q3");
        assertThat(check(recount, topic)).singleElement().satisfies(m -> {
            assertThat(m.region()).isEqualTo(COUNTY);
            assertThat(m.indicator()).isEqualTo("mediation.succeeded");
            assertThat(m.period()).isEqualTo("quarter:2017Q3");
            assertThat(m.actual()).contains("missing");
        });
    }

    @Test
    void aMissingDayTotalIsFineUnlessDaysAreExpected() {
        Recount recount = recount();
        Map<String, TotalValue> topic = correctTopic(recount);
        assertThat(check(recount, topic)).isEmpty();
        List<TotalsCheck.Mismatch> found = new ArrayList<>();
        TotalsCheck.checkTopic(recount, SAMPLE, topic, Set.of("day", "month", "quarter", "year", "all", "trailing"), TODAY,
                new TotalsCheck.Tally("topic", found));
        assertThat(found).extracting(TotalsCheck.Mismatch::period).contains("day:2017-06-01", "day:2017-07-09");
    }

    @Test
    void aTotalThatShouldNotBeThereIsAMismatch() {
        Recount recount = recount();
        Map<String, TotalValue> topic = correctTopic(recount);
        // nothing was received in May: a nonzero May total is extra, whatever kinds are expected
        topic.put(COUNTY + "|mediation.received|day:2017-05-03", new TotalValue(COUNTY, "county", "mediation.received", "day:2017-05-03", 1.0, null, null));
        // an indicator the recount does not know
        topic.put(COUNTY + "|mediation.invented|all", new TotalValue(COUNTY, "county", "mediation.invented", "all", 0.0, null, null));
        assertThat(check(recount, topic)).extracting(m -> m.indicator() + " " + m.period())
                .containsExactlyInAnyOrder("mediation.received day:2017-05-03", "mediation.invented all");
    }

    @Test
    void aWrongAnswerOfTheQueryApiDisagrees() {
        Recount recount = recount();
        Recount.Expected received = recount.expected(COUNTY, "mediation.received", "all", TODAY);
        assertThat(TotalsCheck.agree(received, new TotalValue(COUNTY, "county", "mediation.received", "all", 2.0, null, null))).isTrue();
        assertThat(TotalsCheck.agree(received, new TotalValue(COUNTY, "county", "mediation.received", "all", 1.0, null, null))).isFalse();
        assertThat(TotalsCheck.agree(received, null)).isFalse();
        Recount.Expected rate = recount.expected(COUNTY, "mediation.success_rate", "month:2017-08", TODAY);
        assertThat(rate.denominator()).isZero();
        assertThat(TotalsCheck.agree(rate, new TotalValue(COUNTY, "county", "mediation.success_rate", "month:2017-08", null, 0L, 0L))).isTrue();
        assertThat(TotalsCheck.agree(rate, new TotalValue(COUNTY, "county", "mediation.success_rate", "month:2017-08", 0.0, 0L, 1L))).isFalse();
    }

    @Test
    void topicPeriodKindsAreParsedAndUnknownOnesNamed() {
        assertThat(TotalsCheck.parseKinds("month, year,all")).containsExactlyInAnyOrder("month", "year", "all");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TotalsCheck.parseKinds("month,weeks"))
                .hasMessageContaining("--topic-periods").hasMessageContaining("weeks");
    }
}
