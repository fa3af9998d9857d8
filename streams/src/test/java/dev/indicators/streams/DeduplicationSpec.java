package dev.indicators.streams;

import dev.indicators.streams.app.StoreKind;
import dev.indicators.streams.metrics.PipelineMetrics;
import dev.indicators.streams.support.TestPipeline;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.indicators.contract.avro.CertificateAction.ISSUED;
import static dev.indicators.contract.avro.MediationStatus.RECEIVED;
import static dev.indicators.contract.avro.MediationStatus.SUCCEEDED;
import static dev.indicators.contract.avro.ReconsiderationStage.ACCEPTED;
import static dev.indicators.contract.avro.ReconsiderationStage.APPLIED;
import static dev.indicators.testkit.events.Events.QINGPU;
import static dev.indicators.testkit.events.Events.certificate;
import static dev.indicators.testkit.events.Events.mediation;
import static dev.indicators.testkit.events.Events.reconsideration;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("De-duplication: a re-sent event (same eventId, same content) never counts twice")
class DeduplicationSpec {

    @Test
    @DisplayName("every event sent twice (and some three times) gives the totals of sending each once; duplicates are a metric")
    void everyEventTwice() {
        try (TestPipeline pipeline = new TestPipeline()) {
            var events = java.util.List.of(
                    reconsideration("c1-a", "C1", QINGPU, "2017-03-02T09:00", APPLIED),
                    reconsideration("c1-b", "C1", QINGPU, "2017-03-10T09:00", ACCEPTED),
                    mediation("m1-a", "M1", QINGPU, "2017-03-02T09:00", RECEIVED),
                    mediation("m1-b", "M1", QINGPU, "2017-03-03T09:00", SUCCEEDED, true),
                    certificate("k1-i", "K1", QINGPU, "2017-03-04T09:00", ISSUED));
            pipeline.send(events).send(events).send(events.get(0));

            assertThat(pipeline.count(QINGPU, "reconsideration.applied", "all")).isEqualTo(1);
            assertThat(pipeline.count(QINGPU, "reconsideration.accepted", "all")).isEqualTo(1);
            assertThat(pipeline.count(QINGPU, "mediation.received", "all")).isEqualTo(1);
            assertThat(pipeline.count(QINGPU, "mediation.agreements", "all")).isEqualTo(1);
            assertThat(pipeline.count(QINGPU, "certificates.active", "all")).isEqualTo(1);
            assertThat(pipeline.meter(PipelineMetrics.DUPLICATES, "type", "reconsideration")).isEqualTo(3);
            assertThat(pipeline.meter(PipelineMetrics.DUPLICATES, "type", "mediation")).isEqualTo(2);
            assertThat(pipeline.meter(PipelineMetrics.DUPLICATES, "type", "certificate")).isEqualTo(1);
            assertThat(pipeline.meter(PipelineMetrics.PROCESSED, "type", "reconsideration")).isEqualTo(2);
            assertThat(pipeline.deadLetters()).isEmpty();
        }
    }

    @Test
    @DisplayName("a re-send after the horizon has expired is still not counted twice: the case state knows the eventId")
    void beyondTheHorizon() {
        try (TestPipeline pipeline = new TestPipeline(TestPipeline.NOW, Duration.ofDays(1), StoreKind.PERSISTENT)) {
            var applied = reconsideration("c1-a", "C1", QINGPU, "2017-03-02T09:00", APPLIED);
            pipeline.send(applied, TestPipeline.NOW.minus(Duration.ofDays(10)));
            // a later record moves stream time on past the (former) horizon
            pipeline.send(reconsideration("c2-a", "C2", QINGPU, "2017-03-02T09:00", APPLIED), TestPipeline.NOW);
            pipeline.send(applied, TestPipeline.NOW);
            pipeline.send(reconsideration("c1-a", "C1", QINGPU, "2017-03-09T09:00", APPLIED), TestPipeline.NOW);

            assertThat(pipeline.count(QINGPU, "reconsideration.applied", "all")).isEqualTo(2);
            assertThat(pipeline.count(QINGPU, "reconsideration.applied", "day:2017-03-02")).isEqualTo(2);
            assertThat(pipeline.meter(PipelineMetrics.DUPLICATES, "type", "reconsideration")).isEqualTo(1);
            assertThat(pipeline.deadLetters()).singleElement().satisfies(l ->
                    assertThat(new String(l.headers().lastHeader("dlq.reason").value())).isEqualTo("event-id-conflict"));
        }
    }

    @Test
    @DisplayName("a re-send years later is still not counted twice, and a re-used id years later is still a conflict: the case state keeps every eventId")
    void yearsLater() {
        try (TestPipeline pipeline = new TestPipeline()) {
            var applied = reconsideration("c1-a", "C1", QINGPU, "2017-03-02T09:00", APPLIED);
            pipeline.send(applied, TestPipeline.NOW.minus(Duration.ofDays(3 * 365)));
            pipeline.send(reconsideration("c2-a", "C2", QINGPU, "2017-03-02T09:00", APPLIED), TestPipeline.NOW);
            pipeline.send(applied, TestPipeline.NOW);
            pipeline.send(reconsideration("c1-a", "C1", QINGPU, "2017-03-09T09:00", ACCEPTED), TestPipeline.NOW);

            assertThat(pipeline.count(QINGPU, "reconsideration.applied", "all")).isEqualTo(2);
            assertThat(pipeline.count(QINGPU, "reconsideration.accepted", "all")).isZero();
            assertThat(pipeline.meter(PipelineMetrics.DUPLICATES, "type", "reconsideration")).isEqualTo(1);
            assertThat(pipeline.deadLetters()).singleElement().satisfies(l ->
                    assertThat(new String(l.headers().lastHeader("dlq.reason").value())).isEqualTo("event-id-conflict"));
        }
    }
}
