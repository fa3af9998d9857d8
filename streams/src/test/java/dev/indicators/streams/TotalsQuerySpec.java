package dev.indicators.streams;

import dev.indicators.streams.query.Granularity;
import dev.indicators.streams.query.TotalValue;
import dev.indicators.streams.query.UnknownRegionException;
import dev.indicators.streams.region.RegionNode;
import dev.indicators.streams.support.TestPipeline;
import dev.indicators.contract.indicator.IndicatorName;
import dev.indicators.streams.totals.InvalidPeriodException;
import dev.indicators.streams.totals.InvalidTotalsRequestException;
import dev.indicators.streams.totals.UnknownIndicatorException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static dev.indicators.contract.avro.MediationStatus.RECEIVED;
import static dev.indicators.contract.avro.MediationStatus.SUCCEEDED;
import static dev.indicators.testkit.events.Events.QINGPU;
import static dev.indicators.testkit.events.Events.mediation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

@DisplayName("Query API: one total, all indicators of a region, series, region tree, clear errors")
class TotalsQuerySpec {

    private final TestPipeline pipeline = new TestPipeline();

    @AfterEach
    void close() {
        pipeline.close();
    }

    @Test
    @DisplayName("a known region with no events answers 0, not absent")
    void knownRegionWithoutEvents() {
        TotalValue v = pipeline.query().total("511304", "mediation.received", "year:2017");
        assertThat(v).isEqualTo(new TotalValue("511304", "county", "mediation.received", "year:2017", 0.0, null, null));
    }

    @Test
    @DisplayName("all indicators of a region for a period, counts and rates, in a fixed order")
    void allIndicators() {
        pipeline.send(mediation("m1", "M1", QINGPU, "2017-03-02T09:00", RECEIVED), mediation("m1-s", "M1", QINGPU, "2017-03-04T09:00", SUCCEEDED, true));
        List<TotalValue> all = pipeline.query().totals("310100", "month:2017-03");
        assertThat(all).extracting(TotalValue::indicator).containsExactlyElementsOf(IndicatorName.allTexts());
        assertThat(all).filteredOn(v -> v.indicator().equals("mediation.agreements")).singleElement()
                .satisfies(v -> assertThat(v.value()).isEqualTo(1.0));
        assertThat(all).filteredOn(v -> v.indicator().equals("mediation.success_rate")).singleElement()
                .satisfies(v -> {
                    assertThat(v.value()).isEqualTo(1.0);
                    assertThat(v.numerator()).isEqualTo(1);
                    assertThat(v.denominator()).isEqualTo(1);
                });
        assertThat(all).allSatisfy(v -> assertThat(v.regionLevel()).isEqualTo("city"));
    }

    @Test
    @DisplayName("a series has one point per day or month from..to, zeros included")
    void series() {
        pipeline.send(
                mediation("m1", "M1", QINGPU, "2017-03-02T09:00", RECEIVED),
                mediation("m2", "M2", QINGPU, "2017-03-04T09:00", RECEIVED),
                mediation("m3", "M3", QINGPU, "2017-05-04T09:00", RECEIVED));

        List<TotalValue> days = pipeline.query().series(QINGPU, "mediation.received", "2017-03-01", "2017-03-05", "day");
        assertThat(days).extracting(TotalValue::period)
                .containsExactly("day:2017-03-01", "day:2017-03-02", "day:2017-03-03", "day:2017-03-04", "day:2017-03-05");
        assertThat(days).extracting(TotalValue::value).containsExactly(0.0, 1.0, 0.0, 1.0, 0.0);

        List<TotalValue> months = pipeline.query().series(QINGPU, "mediation.received", "2017-02", "2017-05", "month");
        assertThat(months).extracting(TotalValue::period).containsExactly("month:2017-02", "month:2017-03", "month:2017-04", "month:2017-05");
        assertThat(months).extracting(TotalValue::value).containsExactly(0.0, 2.0, 0.0, 1.0);
    }

    @Test
    @DisplayName("a month series from a month to the same month has that one month; day bounds of a month series stand for their months")
    void oneMonthSeries() {
        pipeline.send(
                mediation("m1", "M1", QINGPU, "2017-03-02T09:00", RECEIVED),
                mediation("m2", "M2", QINGPU, "2017-03-31T09:00", RECEIVED));

        assertThat(pipeline.query().series(QINGPU, "mediation.received", "2017-03", "2017-03", "month"))
                .singleElement().satisfies(v -> {
                    assertThat(v.period()).isEqualTo("month:2017-03");
                    assertThat(v.value()).isEqualTo(2.0);
                });
        assertThat(pipeline.query().series(QINGPU, "mediation.received", "2017-03-31", "2017-04-01", "month"))
                .extracting(TotalValue::period, TotalValue::value)
                .containsExactly(tuple("month:2017-03", 2.0), tuple("month:2017-04", 0.0));
    }

    @Test
    @DisplayName("a series is answered up to 3,700 points, by day or by month, given as text or as dates")
    void longestSeries() {
        pipeline.send(mediation("m1", "M1", QINGPU, "2017-03-02T09:00", RECEIVED));
        var q = pipeline.query();
        LocalDate from = LocalDate.of(2010, 1, 1);

        List<TotalValue> days = q.series(QINGPU, "mediation.received", from, from.plusDays(3699), Granularity.DAY);
        assertThat(days).hasSize(3700);
        assertThat(days.get(0).period()).isEqualTo("day:2010-01-01");
        assertThat(days.get(3699).period()).isEqualTo("day:2020-02-17");
        assertThat(days).extracting(TotalValue::value).filteredOn(v -> v > 0).containsExactly(1.0);
        assertThatThrownBy(() -> q.series(QINGPU, "mediation.received", from, from.plusDays(3700), Granularity.DAY))
                .isInstanceOf(InvalidTotalsRequestException.class)
                .hasMessage("series from 2010-01-01 to 2020-02-18 has more than 3700 points");

        // 3,700 months are 308 years and 4 months
        List<TotalValue> months = q.series(QINGPU, "mediation.received", "2000-01", "2308-04", "month");
        assertThat(months).hasSize(3700);
        assertThat(months.get(3699).period()).isEqualTo("month:2308-04");
        assertThatThrownBy(() -> q.series(QINGPU, "mediation.received", "2000-01", "2308-05", "month"))
                .isInstanceOf(InvalidTotalsRequestException.class)
                .hasMessage("series from 2000-01-01 to 2308-05-31 has more than 3700 points");
    }

    @Test
    @DisplayName("a series bound in the wrong form says which bound and which forms the granularity takes")
    void malformedSeriesBounds() {
        var q = pipeline.query();
        assertThatThrownBy(() -> q.series(QINGPU, "mediation.received", "2017/03", "2017-05", "month"))
                .isInstanceOf(InvalidTotalsRequestException.class)
                .hasMessage("series 'from' = '2017/03': expected yyyy-MM-dd or yyyy-MM");
        assertThatThrownBy(() -> q.series(QINGPU, "mediation.received", "2017-03-01", "2017-05", "day"))
                .isInstanceOf(InvalidTotalsRequestException.class)
                .hasMessage("series 'to' = '2017-05': expected yyyy-MM-dd");
    }

    @Test
    @DisplayName("the indicators are named as the query API and the totals topic name them")
    void indicatorNames() {
        assertThat(pipeline.query().indicators())
                .contains("reconsideration.accepted", "reconsideration.outcome.revoked", "reconsideration.correction_rate",
                        "mediation.succeeded", "mediation.success_rate", "certificates.active", "litigation.loss_rate")
                .doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("the region tree starts at the nation and follows the table's parents")
    void regionTree() {
        RegionNode nation = pipeline.query().regionTree();
        assertThat(nation.code()).isEqualTo("000000");
        assertThat(nation.children()).extracting(RegionNode::code).containsExactly("130000", "140000", "310000", "410000", "510000");
        RegionNode shanghai = nation.children().get(2);
        assertThat(shanghai.children()).singleElement().satisfies(c -> {
            assertThat(c.code()).isEqualTo("310100");
            assertThat(c.children()).extracting(RegionNode::code).containsExactly("310118");
            assertThat(c.children().get(0).level()).isEqualTo("county");
        });
    }

    @Test
    @DisplayName("unknown region, indicator or period: an exception naming it")
    void clearErrors() {
        var q = pipeline.query();
        assertThatThrownBy(() -> q.total("999999", "mediation.received", "all"))
                .isInstanceOfSatisfying(UnknownRegionException.class, e -> assertThat(e.region()).isEqualTo("999999"))
                .hasMessageContaining("999999");
        assertThatThrownBy(() -> q.total("31011", "mediation.received", "all"))
                .isInstanceOf(UnknownRegionException.class).hasMessageContaining("31011");
        assertThatThrownBy(() -> q.total(QINGPU, "mediation.bogus", "all"))
                .isInstanceOfSatisfying(UnknownIndicatorException.class, e -> assertThat(e.indicator()).isEqualTo("mediation.bogus"))
                .hasMessageContaining("mediation.bogus");
        assertThatThrownBy(() -> q.total(QINGPU, "mediation.received", "week:2017-10"))
                .isInstanceOfSatisfying(InvalidPeriodException.class, e -> assertThat(e.period()).isEqualTo("week:2017-10"))
                .hasMessageContaining("week:2017-10");
        assertThatThrownBy(() -> q.total(QINGPU, "mediation.received", "day:2017-02-30"))
                .isInstanceOf(InvalidPeriodException.class).hasMessageContaining("day:2017-02-30");
        assertThatThrownBy(() -> q.total(QINGPU, "mediation.received", "trailing:0d"))
                .isInstanceOf(InvalidPeriodException.class);
        assertThatThrownBy(() -> q.series(QINGPU, "mediation.received", "2017-03-05", "2017-03-01", "day"))
                .isInstanceOf(InvalidTotalsRequestException.class).hasMessageContaining("after");
        assertThatThrownBy(() -> q.series(QINGPU, "mediation.received", "2017-03-01", "2017-03-05", "week"))
                .isInstanceOf(InvalidTotalsRequestException.class).hasMessageContaining("week");
        assertThatThrownBy(() -> q.series(QINGPU, "mediation.received", "2000-01-01", "2030-01-01", "day"))
                .isInstanceOf(InvalidTotalsRequestException.class).hasMessageContaining("points");
        assertThat(new UnknownRegionException("x")).isInstanceOf(IllegalArgumentException.class);
    }
}
