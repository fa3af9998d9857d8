package dev.indicators.streams;

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

import java.util.List;

import static dev.indicators.contract.avro.MediationStatus.RECEIVED;
import static dev.indicators.contract.avro.MediationStatus.SUCCEEDED;
import static dev.indicators.testkit.events.Events.QINGPU;
import static dev.indicators.testkit.events.Events.mediation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
                .isInstanceOf(UnknownRegionException.class).hasMessageContaining("999999");
        assertThatThrownBy(() -> q.total("31011", "mediation.received", "all"))
                .isInstanceOf(UnknownRegionException.class).hasMessageContaining("31011");
        assertThatThrownBy(() -> q.total(QINGPU, "mediation.bogus", "all"))
                .isInstanceOf(UnknownIndicatorException.class).hasMessageContaining("mediation.bogus");
        assertThatThrownBy(() -> q.total(QINGPU, "mediation.received", "week:2017-10"))
                .isInstanceOf(InvalidPeriodException.class).hasMessageContaining("week:2017-10");
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
