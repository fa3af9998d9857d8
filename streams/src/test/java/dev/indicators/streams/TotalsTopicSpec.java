package dev.indicators.streams;

import dev.indicators.contract.avro.IndicatorTotal;
import dev.indicators.streams.support.TestPipeline;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.indicators.contract.avro.MediationStatus.FAILED;
import static dev.indicators.contract.avro.MediationStatus.RECEIVED;
import static dev.indicators.contract.avro.MediationStatus.SUCCEEDED;
import static dev.indicators.contract.avro.ReconsiderationOutcome.REVOKED;
import static dev.indicators.contract.avro.ReconsiderationOutcome.UPHELD;
import static dev.indicators.contract.avro.ReconsiderationStage.CONCLUDED;
import static dev.indicators.testkit.events.Events.QINGPU;
import static dev.indicators.testkit.events.Events.mediation;
import static dev.indicators.testkit.events.Events.reconsideration;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Totals topic: every changed month, quarter, year, all-time and trailing total is an IndicatorTotal keyed regionCode|indicator|period")
class TotalsTopicSpec {

    private final TestPipeline pipeline = new TestPipeline();

    @AfterEach
    void close() {
        pipeline.close();
    }

    @Test
    @DisplayName("one event publishes its counts for its month, quarter, year and all time in every region of its lineage; its day only through the query API")
    void keysAndValues() {
        pipeline.send(mediation("m1", "M1", QINGPU, "2017-03-02T09:00", RECEIVED));
        Map<String, IndicatorTotal> totals = pipeline.compactedTotals();

        for (String region : List.of("310118", "310100", "310000", "000000")) {
            assertThat(totals).doesNotContainKey(region + "|mediation.received|day:2017-03-02");
            assertThat(pipeline.count(region, "mediation.received", "day:2017-03-02")).isEqualTo(1);
            for (String period : List.of("month:2017-03", "quarter:2017Q1", "year:2017", "all")) {
                String key = region + "|mediation.received|" + period;
                assertThat(totals).containsKey(key);
                IndicatorTotal t = totals.get(key);
                assertThat(t.getRegionCode()).isEqualTo(region);
                assertThat(t.getIndicator()).isEqualTo("mediation.received");
                assertThat(t.getPeriod()).isEqualTo(period);
                assertThat(t.getValue()).isEqualTo(1.0);
                assertThat(t.getNumerator()).isNull();
                assertThat(t.getDenominator()).isNull();
                assertThat(t.getUpdatedAt()).isEqualTo(TestPipeline.NOW);
            }
        }
        assertThat(totals.get("310118|mediation.received|all").getRegionLevel()).isEqualTo("county");
        assertThat(totals.get("310100|mediation.received|all").getRegionLevel()).isEqualTo("city");
        assertThat(totals.get("310000|mediation.received|all").getRegionLevel()).isEqualTo("province");
        assertThat(totals.get("000000|mediation.received|all").getRegionLevel()).isEqualTo("nation");
        assertThat(totals).hasSize(4 * 4);
    }

    @Test
    @DisplayName("rates are published with numerator and denominator whenever one of their counts changes")
    void ratesPublished() {
        pipeline.send(
                mediation("m1", "M1", QINGPU, "2017-03-02T09:00", SUCCEEDED, true),
                mediation("m2", "M2", QINGPU, "2017-03-02T09:00", SUCCEEDED),
                mediation("m3", "M3", QINGPU, "2017-03-05T09:00", FAILED));
        IndicatorTotal rate = pipeline.compactedTotals().get("310118|mediation.success_rate|month:2017-03");
        assertThat(rate.getNumerator()).isEqualTo(2L);
        assertThat(rate.getDenominator()).isEqualTo(3L);
        assertThat(rate.getValue()).isEqualTo(2.0 / 3.0);
        var day = pipeline.total("310118", "mediation.success_rate", "day:2017-03-05");
        assertThat(day.numerator()).isZero();
        assertThat(day.denominator()).isEqualTo(1L);
        assertThat(day.value()).isZero();
    }

    @Test
    @DisplayName("an amendment publishes the decrement and the increment; the latest value per key equals the query answer")
    void amendmentPublishesBothSides() {
        pipeline.send(reconsideration("c1", "C1", QINGPU, "2017-09-30T10:15", CONCLUDED, UPHELD));
        pipeline.published();
        pipeline.send(reconsideration("c1-fix", "C1", QINGPU, "2017-09-30T10:15", CONCLUDED, REVOKED));

        Map<String, IndicatorTotal> totals = pipeline.compactedTotals();
        assertThat(totals.get("310118|reconsideration.outcome.upheld|year:2017").getValue()).isZero();
        assertThat(totals.get("310118|reconsideration.outcome.revoked|year:2017").getValue()).isEqualTo(1.0);
        IndicatorTotal rate = totals.get("000000|reconsideration.correction_rate|year:2017");
        assertThat(rate.getNumerator()).isEqualTo(1L);
        assertThat(rate.getDenominator()).isEqualTo(1L);

        for (Map.Entry<String, IndicatorTotal> e : totals.entrySet()) {
            IndicatorTotal t = e.getValue();
            var answer = pipeline.total(t.getRegionCode(), t.getIndicator(), t.getPeriod());
            assertThat(answer.value()).as(e.getKey()).isEqualTo(t.getValue());
        }
    }

    @Test
    @DisplayName("an undefined rate (denominator 0 after an amendment) is published as NaN with 0/0")
    void undefinedRate() {
        pipeline.send(mediation("m1", "M1", QINGPU, "2017-03-02T09:00", SUCCEEDED));
        pipeline.send(mediation("m1-w", "M1", QINGPU, "2017-03-02T09:00", FAILED));
        pipeline.send(mediation("m1-x", "M1", QINGPU, "2017-04-03T09:00", FAILED));
        IndicatorTotal march = pipeline.compactedTotals().get("310118|mediation.success_rate|month:2017-03");
        assertThat(march.getNumerator()).isZero();
        assertThat(march.getDenominator()).isZero();
        assertThat(march.getValue()).isNaN();
    }

    @Test
    @DisplayName("published records carry the input record's timestamp")
    void timestamps() {
        pipeline.send(mediation("m1", "M1", QINGPU, "2017-03-02T09:00", RECEIVED), TestPipeline.NOW.minusSeconds(5));
        List<TestRecord<String, IndicatorTotal>> published = pipeline.published();
        assertThat(published).allSatisfy(r -> assertThat(r.getRecordTime()).isEqualTo(TestPipeline.NOW.minusSeconds(5)));
    }
}
