package dev.indicators.streams;

import dev.indicators.streams.metrics.PipelineMetrics;
import dev.indicators.testkit.events.Events;
import dev.indicators.streams.support.TestPipeline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.indicators.contract.avro.MediationStatus.RECEIVED;
import static dev.indicators.testkit.events.Events.QINGPU;
import static dev.indicators.testkit.events.Events.mediation;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Periods: Asia/Shanghai days, months, quarters, years, trailing windows ending now, and all time, by occurredAt")
class PeriodSpec {

    private final TestPipeline pipeline = new TestPipeline();

    @AfterEach
    void close() {
        pipeline.close();
    }

    private long received(String period) {
        return pipeline.count(QINGPU, "mediation.received", period);
    }

    @Test
    @DisplayName("one count is in its day, month, quarter, year and all time")
    void calendarPeriods() {
        pipeline.send(mediation("m1", "M1", QINGPU, "2017-03-02T09:00", RECEIVED));

        assertThat(received("day:2017-03-02")).isEqualTo(1);
        assertThat(received("day:2017-03-03")).isZero();
        assertThat(received("month:2017-03")).isEqualTo(1);
        assertThat(received("quarter:2017Q1")).isEqualTo(1);
        assertThat(received("quarter:2017Q2")).isZero();
        assertThat(received("year:2017")).isEqualTo(1);
        assertThat(received("year:2016")).isZero();
        assertThat(received("all")).isEqualTo(1);
    }

    @Test
    @DisplayName("the day is the Shanghai calendar day: 23:30 on 1 March (15:30 UTC) is 1 March; 00:30 on 2 March (16:30 UTC on 1 March) is 2 March")
    void shanghaiDayBoundary() {
        pipeline.send(
                mediation("m1", "M1", QINGPU, "2017-03-01T23:30", RECEIVED),
                mediation("m2", "M2", QINGPU, "2017-03-02T00:30", RECEIVED),
                mediation("m3", "M3", QINGPU, "2017-12-31T23:59", RECEIVED),
                mediation("m4", "M4", QINGPU, "2018-01-01T00:00", RECEIVED));

        assertThat(received("day:2017-03-01")).isEqualTo(1);
        assertThat(received("day:2017-03-02")).isEqualTo(1);
        assertThat(received("year:2017")).isEqualTo(3);
        assertThat(received("quarter:2017Q4")).isEqualTo(1);
        assertThat(received("year:2018")).isEqualTo(1);
    }

    @Test
    @DisplayName("trailing 7/30/365 days end today (today included) and move with the clock")
    void trailingWindows() {
        // now is 2025-06-15 12:00 in Shanghai
        pipeline.send(
                mediation("m1", "M1", QINGPU, "2025-06-15T08:00", RECEIVED),
                mediation("m2", "M2", QINGPU, "2025-06-09T08:00", RECEIVED),
                mediation("m3", "M3", QINGPU, "2025-06-08T08:00", RECEIVED),
                mediation("m4", "M4", QINGPU, "2025-05-17T08:00", RECEIVED),
                mediation("m5", "M5", QINGPU, "2024-06-16T08:00", RECEIVED),
                mediation("m6", "M6", QINGPU, "2024-06-15T08:00", RECEIVED));

        assertThat(received("trailing:7d")).isEqualTo(2);
        assertThat(received("trailing:30d")).isEqualTo(4);
        assertThat(received("trailing:365d")).isEqualTo(5);
        assertThat(received("trailing:366d")).isEqualTo(6);
        assertThat(received("all")).isEqualTo(6);

        pipeline.advance(Duration.ofDays(1));
        assertThat(received("trailing:7d")).isEqualTo(1);
        assertThat(received("trailing:365d")).isEqualTo(4);
    }

    @Test
    @DisplayName("trailing windows are published with the change that moved them, and again when the day turns")
    void trailingPublished() {
        pipeline.send(mediation("m1", "M1", QINGPU, "2025-06-09T08:00", RECEIVED));
        assertThat(pipeline.compactedTotals().get(QINGPU + "|mediation.received|trailing:7d").getValue()).isEqualTo(1.0);
        assertThat(pipeline.compactedTotals().get("000000|mediation.received|trailing:30d").getValue()).isEqualTo(1.0);

        pipeline.advance(Duration.ofHours(24));
        assertThat(pipeline.compactedTotals().get(QINGPU + "|mediation.received|trailing:7d").getValue()).isZero();
        assertThat(pipeline.compactedTotals().get(QINGPU + "|mediation.received|trailing:30d").getValue()).isEqualTo(1.0);
    }

    @Test
    @DisplayName("an event of a new day slides the published windows with it: they always end on the day of the cycle that published them")
    void trailingAcrossMidnight() {
        pipeline.send(mediation("m1", "M1", QINGPU, "2025-06-09T08:00", RECEIVED));
        assertThat(pipeline.compactedTotals().get(QINGPU + "|mediation.received|trailing:7d").getValue()).isEqualTo(1.0);
        pipeline.clock.advance(Duration.ofHours(12)); // 2025-06-16 00:00 in Shanghai; the refresh has not run yet
        pipeline.send(mediation("m2", "M2", QINGPU, "2025-06-16T00:00", RECEIVED));
        // the cycle that publishes m2 slides the windows first: they end on the 16th, so m1 (the 9th) left the 7 days
        assertThat(pipeline.compactedTotals().get(QINGPU + "|mediation.received|trailing:7d").getValue()).isEqualTo(1.0); // m2 only
        assertThat(pipeline.compactedTotals().get(QINGPU + "|mediation.received|trailing:30d").getValue()).isEqualTo(2.0);
        assertThat(pipeline.compactedTotals().get("000000|mediation.received|trailing:7d").getValue()).isEqualTo(1.0);

        pipeline.advance(Duration.ofSeconds(60)); // the refresh finds the windows already slid
        assertThat(pipeline.compactedTotals().get(QINGPU + "|mediation.received|trailing:7d").getValue()).isEqualTo(1.0);
        assertThat(received("trailing:7d")).isEqualTo(1);
    }

    @Test
    @DisplayName("a late event (its day had ended when it arrived) still updates its period, and is counted as late")
    void lateEvent() {
        pipeline.send(mediation("m1", "M1", QINGPU, "2025-06-15T08:00", RECEIVED), Events.at("2025-06-15T09:00"));
        assertThat(pipeline.meter(PipelineMetrics.LATE, "type", "mediation")).isZero();

        pipeline.send(mediation("m2", "M2", QINGPU, "2025-06-14T23:00", RECEIVED), Events.at("2025-06-15T00:10"));
        pipeline.send(mediation("m3", "M3", QINGPU, "2017-03-02T09:00", RECEIVED), Events.at("2025-06-15T09:00"));

        assertThat(pipeline.meter(PipelineMetrics.LATE, "type", "mediation")).isEqualTo(2);
        assertThat(received("day:2025-06-14")).isEqualTo(1);
        assertThat(received("month:2017-03")).isEqualTo(1);
        assertThat(pipeline.compactedTotals().get(QINGPU + "|mediation.received|month:2017-03").getValue()).isEqualTo(1.0);
    }
}
