package dev.indicators.streams;

import dev.indicators.contract.avro.ReconsiderationEvent;
import dev.indicators.streams.support.TestPipeline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static dev.indicators.contract.avro.ReconsiderationOutcome.DISMISSED;
import static dev.indicators.contract.avro.ReconsiderationOutcome.REVOKED;
import static dev.indicators.contract.avro.ReconsiderationOutcome.UPHELD;
import static dev.indicators.contract.avro.ReconsiderationStage.ACCEPTED;
import static dev.indicators.contract.avro.ReconsiderationStage.APPLIED;
import static dev.indicators.contract.avro.ReconsiderationStage.CONCLUDED;
import static dev.indicators.contract.avro.ReconsiderationStage.CORRECTION_REQUESTED;
import static dev.indicators.contract.avro.ReconsiderationStage.REJECTED;
import static dev.indicators.contract.avro.ReconsiderationStage.WITHDRAWN;
import static dev.indicators.testkit.events.Events.QINGPU;
import static dev.indicators.testkit.events.Events.reconsideration;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Reconsideration: a case counts once per stage it reached, from its current state")
class ReconsiderationCountingSpec {

    private final TestPipeline pipeline = new TestPipeline();

    @AfterEach
    void close() {
        pipeline.close();
    }

    private long count(String indicator, String period) {
        return pipeline.count(QINGPU, indicator, period);
    }

    @Test
    @DisplayName("applied, accepted and concluded: an accepted then concluded application counts in all three, each on its own day")
    void lifecycle() {
        pipeline.send(
                reconsideration("c1-a", "C1", QINGPU, "2017-03-02T09:00", APPLIED),
                reconsideration("c1-b", "C1", QINGPU, "2017-03-10T09:00", ACCEPTED),
                reconsideration("c1-c", "C1", QINGPU, "2017-05-20T09:00", CONCLUDED, UPHELD));

        assertThat(count("reconsideration.applied", "day:2017-03-02")).isEqualTo(1);
        assertThat(count("reconsideration.accepted", "day:2017-03-10")).isEqualTo(1);
        assertThat(count("reconsideration.accepted", "day:2017-03-02")).isZero();
        assertThat(count("reconsideration.concluded", "month:2017-05")).isEqualTo(1);
        assertThat(count("reconsideration.outcome.upheld", "day:2017-05-20")).isEqualTo(1);
        assertThat(count("reconsideration.applied", "year:2017")).isEqualTo(1);
        assertThat(count("reconsideration.accepted", "year:2017")).isEqualTo(1);
        assertThat(count("reconsideration.concluded", "year:2017")).isEqualTo(1);
        assertThat(count("reconsideration.rejected", "year:2017")).isZero();
    }

    @Test
    @DisplayName("dispositions are exclusive: the later of correction requested and accepted wins")
    void exclusiveDisposition() {
        pipeline.send(
                reconsideration("c1-a", "C1", QINGPU, "2017-03-02T09:00", APPLIED),
                reconsideration("c1-b", "C1", QINGPU, "2017-03-03T09:00", CORRECTION_REQUESTED),
                reconsideration("c1-c", "C1", QINGPU, "2017-03-20T09:00", ACCEPTED),
                reconsideration("c2-a", "C2", QINGPU, "2017-03-02T10:00", APPLIED),
                reconsideration("c2-b", "C2", QINGPU, "2017-03-04T10:00", REJECTED),
                reconsideration("c3-a", "C3", QINGPU, "2017-03-05T10:00", CORRECTION_REQUESTED));

        assertThat(count("reconsideration.applied", "month:2017-03")).isEqualTo(3);
        assertThat(count("reconsideration.accepted", "month:2017-03")).isEqualTo(1);
        assertThat(count("reconsideration.rejected", "month:2017-03")).isEqualTo(1);
        assertThat(count("reconsideration.correction_requested", "month:2017-03")).isEqualTo(1);
    }

    @Test
    @DisplayName("a CONCLUDED case with no disposition counts as accepted, on the day it concluded")
    void concludedWithoutDisposition() {
        pipeline.send(reconsideration("c1-c", "C1", QINGPU, "2017-06-01T09:00", CONCLUDED, DISMISSED));

        assertThat(count("reconsideration.applied", "day:2017-06-01")).isEqualTo(1);
        assertThat(count("reconsideration.accepted", "day:2017-06-01")).isEqualTo(1);
        assertThat(count("reconsideration.concluded", "day:2017-06-01")).isEqualTo(1);
        assertThat(count("reconsideration.outcome.dismissed", "all")).isEqualTo(1);
    }

    @Test
    @DisplayName("an amended outcome (UPHELD corrected to REVOKED) moves the case from one count to the other")
    void amendmentMovesTheCase() {
        pipeline.send(
                reconsideration("c1-a", "C1", QINGPU, "2017-03-02T09:00", APPLIED),
                reconsideration("c1-b", "C1", QINGPU, "2017-03-10T09:00", ACCEPTED),
                reconsideration("c1-c", "C1", QINGPU, "2017-09-30T10:15", CONCLUDED, UPHELD));
        assertThat(count("reconsideration.outcome.upheld", "year:2017")).isEqualTo(1);

        pipeline.send(reconsideration("c1-c2", "C1", QINGPU, "2017-09-30T10:15", CONCLUDED, REVOKED));

        assertThat(count("reconsideration.outcome.upheld", "year:2017")).isZero();
        assertThat(count("reconsideration.outcome.revoked", "year:2017")).isEqualTo(1);
        assertThat(count("reconsideration.concluded", "year:2017")).isEqualTo(1);
        assertThat(count("reconsideration.applied", "year:2017")).isEqualTo(1);
    }

    @Test
    @DisplayName("an event older than the case's current state for the same stage does not regress it")
    void outOfOrderDoesNotRegress() {
        pipeline.send(
                reconsideration("c1-a", "C1", QINGPU, "2017-03-02T09:00", APPLIED),
                reconsideration("c1-new", "C1", QINGPU, "2017-10-08T09:00", CONCLUDED, REVOKED),
                reconsideration("c1-old", "C1", QINGPU, "2017-09-30T09:00", CONCLUDED, UPHELD));

        assertThat(count("reconsideration.outcome.revoked", "month:2017-10")).isEqualTo(1);
        assertThat(count("reconsideration.outcome.upheld", "all")).isZero();
        assertThat(count("reconsideration.concluded", "month:2017-09")).isZero();
        assertThat(count("reconsideration.concluded", "month:2017-10")).isEqualTo(1);
    }

    @Test
    @DisplayName("applied is dated by the case's earliest event, even when that event arrives last")
    void appliedDatedByEarliestEvent() {
        pipeline.send(
                reconsideration("c1-b", "C1", QINGPU, "2017-04-01T09:00", ACCEPTED),
                reconsideration("c1-a", "C1", QINGPU, "2017-03-31T09:00", APPLIED));

        assertThat(count("reconsideration.applied", "month:2017-03")).isEqualTo(1);
        assertThat(count("reconsideration.applied", "month:2017-04")).isZero();
        assertThat(count("reconsideration.applied", "quarter:2017Q1")).isEqualTo(1);
        assertThat(count("reconsideration.applied", "quarter:2017Q2")).isZero();
    }

    @Test
    @DisplayName("a withdrawal counts in withdrawn and takes nothing away from what the case reached before")
    void withdrawal() {
        pipeline.send(
                reconsideration("c1-a", "C1", QINGPU, "2017-03-02T09:00", APPLIED),
                reconsideration("c1-b", "C1", QINGPU, "2017-03-10T09:00", ACCEPTED),
                reconsideration("c1-w", "C1", QINGPU, "2017-04-01T09:00", WITHDRAWN));

        assertThat(count("reconsideration.withdrawn", "day:2017-04-01")).isEqualTo(1);
        assertThat(count("reconsideration.applied", "year:2017")).isEqualTo(1);
        assertThat(count("reconsideration.accepted", "year:2017")).isEqualTo(1);
        assertThat(count("reconsideration.concluded", "year:2017")).isZero();
    }

    @Test
    @DisplayName("the same case history in any order, every event sent twice, gives the same totals")
    void shuffledAndTwice() {
        List<ReconsiderationEvent> history = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String c = "C" + i;
            history.add(reconsideration(c + "-a", c, QINGPU, "2017-03-0" + (1 + i % 9) + "T09:00", APPLIED));
            history.add(reconsideration(c + "-b", c, QINGPU, "2017-04-1" + (i % 9) + "T09:00", i % 3 == 0 ? REJECTED : ACCEPTED));
            if (i % 3 != 0) history.add(reconsideration(c + "-c", c, QINGPU, "2017-06-2" + (i % 9) + "T09:00", CONCLUDED, i % 2 == 0 ? UPHELD : REVOKED));
        }
        List<ReconsiderationEvent> shuffledTwice = new ArrayList<>(history);
        shuffledTwice.addAll(history);
        Collections.shuffle(shuffledTwice, new Random(7));

        try (TestPipeline ordered = new TestPipeline()) {
            ordered.send(history);
            pipeline.send(shuffledTwice);
            for (String indicator : List.of("reconsideration.applied", "reconsideration.accepted", "reconsideration.rejected",
                    "reconsideration.concluded", "reconsideration.outcome.upheld", "reconsideration.outcome.revoked")) {
                for (String period : List.of("year:2017", "month:2017-03", "month:2017-04", "month:2017-06", "day:2017-06-24", "all")) {
                    assertThat(pipeline.count(QINGPU, indicator, period)).as(indicator + " " + period)
                            .isEqualTo(ordered.count(QINGPU, indicator, period));
                }
            }
            assertThat(pipeline.count(QINGPU, "reconsideration.applied", "year:2017")).isEqualTo(20);
            assertThat(pipeline.count(QINGPU, "reconsideration.rejected", "year:2017")).isEqualTo(7);
            assertThat(pipeline.count(QINGPU, "reconsideration.accepted", "year:2017")).isEqualTo(13);
            assertThat(pipeline.count(QINGPU, "reconsideration.concluded", "year:2017")).isEqualTo(13);
        }
    }

    @Test
    @DisplayName("correction rate = (revoked + confirmed illegal + modified + ordered to perform) / concluded, with numerator and denominator")
    void correctionRate() {
        pipeline.send(
                reconsideration("c1", "C1", QINGPU, "2017-05-01T09:00", CONCLUDED, REVOKED),
                reconsideration("c2", "C2", QINGPU, "2017-05-02T09:00", CONCLUDED, UPHELD),
                reconsideration("c3", "C3", QINGPU, "2017-05-03T09:00", CONCLUDED, dev.indicators.contract.avro.ReconsiderationOutcome.MODIFIED),
                reconsideration("c4", "C4", QINGPU, "2017-05-04T09:00", CONCLUDED, DISMISSED));

        var rate = pipeline.total(QINGPU, "reconsideration.correction_rate", "year:2017");
        assertThat(rate.numerator()).isEqualTo(2);
        assertThat(rate.denominator()).isEqualTo(4);
        assertThat(rate.value()).isEqualTo(0.5);
    }
}
