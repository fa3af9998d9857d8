package dev.indicators.streams;

import dev.indicators.streams.support.TestPipeline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static dev.indicators.contract.avro.MediationStatus.RECEIVED;
import static dev.indicators.contract.avro.ReconsiderationStage.ACCEPTED;
import static dev.indicators.contract.avro.ReconsiderationStage.APPLIED;
import static dev.indicators.testkit.events.Events.BAODING;
import static dev.indicators.testkit.events.Events.HENAN;
import static dev.indicators.testkit.events.Events.KAIFENG;
import static dev.indicators.testkit.events.Events.NATION;
import static dev.indicators.testkit.events.Events.QINGPU;
import static dev.indicators.testkit.events.Events.SHANGHAI;
import static dev.indicators.testkit.events.Events.SHANGHAI_DISTRICTS;
import static dev.indicators.testkit.events.Events.SHANXI;
import static dev.indicators.testkit.events.Events.XIANGFU;
import static dev.indicators.testkit.events.Events.YANGQUAN;
import static dev.indicators.testkit.events.Events.mediation;
import static dev.indicators.testkit.events.Events.reconsideration;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Region roll-up: a county's count also counts for its city, province and the nation")
class RegionRollUpSpec {

    private final TestPipeline pipeline = new TestPipeline();

    @AfterEach
    void close() {
        pipeline.close();
    }

    @Test
    @DisplayName("Qingpu (310118) rolls up to 310100, 310000 and 000000, the special parents of the region table")
    void qingpu() {
        pipeline.send(reconsideration("c1-a", "C1", QINGPU, "2017-03-02T09:00", APPLIED));
        for (String region : new String[]{QINGPU, SHANGHAI_DISTRICTS, SHANGHAI, NATION}) {
            assertThat(pipeline.count(region, "reconsideration.applied", "year:2017")).as(region).isEqualTo(1);
        }
        assertThat(pipeline.total(SHANGHAI_DISTRICTS, "reconsideration.applied", "year:2017").regionLevel()).isEqualTo("city");
        assertThat(pipeline.count(HENAN, "reconsideration.applied", "year:2017")).isZero();
    }

    @Test
    @DisplayName("the nation sums every province; a city-level event counts for the city, its province and the nation only")
    void nationSumsProvinces() {
        pipeline.send(
                mediation("m1", "M1", QINGPU, "2017-03-02T09:00", RECEIVED),
                mediation("m2", "M2", XIANGFU, "2017-03-02T09:00", RECEIVED),
                mediation("m3", "M3", XIANGFU, "2017-03-03T09:00", RECEIVED),
                mediation("m4", "M4", YANGQUAN, "2017-03-03T09:00", RECEIVED),
                mediation("m5", "M5", BAODING, "2017-03-03T09:00", RECEIVED));

        assertThat(pipeline.count(XIANGFU, "mediation.received", "month:2017-03")).isEqualTo(2);
        assertThat(pipeline.count(KAIFENG, "mediation.received", "month:2017-03")).isEqualTo(2);
        assertThat(pipeline.count(HENAN, "mediation.received", "month:2017-03")).isEqualTo(2);
        assertThat(pipeline.count(YANGQUAN, "mediation.received", "month:2017-03")).isEqualTo(1);
        assertThat(pipeline.count(SHANXI, "mediation.received", "month:2017-03")).isEqualTo(1);
        assertThat(pipeline.count(NATION, "mediation.received", "month:2017-03")).isEqualTo(5);
        assertThat(pipeline.count(NATION, "mediation.received", "day:2017-03-03")).isEqualTo(3);
    }

    @Test
    @DisplayName("if a case's events disagree on region, the latest event's region holds all the case's counts")
    void caseMovesRegion() {
        pipeline.send(reconsideration("c1-a", "C1", QINGPU, "2017-03-02T09:00", APPLIED));
        pipeline.send(reconsideration("c1-b", "C1", XIANGFU, "2017-03-05T09:00", ACCEPTED));

        assertThat(pipeline.count(QINGPU, "reconsideration.applied", "all")).isZero();
        assertThat(pipeline.count(SHANGHAI, "reconsideration.applied", "all")).isZero();
        assertThat(pipeline.count(XIANGFU, "reconsideration.applied", "day:2017-03-02")).isEqualTo(1);
        assertThat(pipeline.count(HENAN, "reconsideration.accepted", "all")).isEqualTo(1);
        assertThat(pipeline.count(NATION, "reconsideration.applied", "all")).isEqualTo(1);
    }
}
