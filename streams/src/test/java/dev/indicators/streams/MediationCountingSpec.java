package dev.indicators.streams;

import dev.indicators.streams.support.TestPipeline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static dev.indicators.contract.avro.MediationStatus.FAILED;
import static dev.indicators.contract.avro.MediationStatus.RECEIVED;
import static dev.indicators.contract.avro.MediationStatus.SUCCEEDED;
import static dev.indicators.contract.avro.MediationStatus.WITHDRAWN;
import static dev.indicators.testkit.events.Events.QINGPU;
import static dev.indicators.testkit.events.Events.mediation;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Mediation: received, one exclusive result, agreements, withdrawn, success rate")
class MediationCountingSpec {

    private final TestPipeline pipeline = new TestPipeline();

    @AfterEach
    void close() {
        pipeline.close();
    }

    private long count(String indicator, String period) {
        return pipeline.count(QINGPU, indicator, period);
    }

    @Test
    @DisplayName("a received then succeeded case with a signed agreement counts in received, succeeded and agreements")
    void succeededWithAgreement() {
        pipeline.send(
                mediation("m1-a", "M1", QINGPU, "2017-02-01T09:00", RECEIVED),
                mediation("m1-b", "M1", QINGPU, "2017-02-03T09:00", SUCCEEDED, true),
                mediation("m2-a", "M2", QINGPU, "2017-02-01T10:00", RECEIVED),
                mediation("m2-b", "M2", QINGPU, "2017-02-05T10:00", SUCCEEDED, false),
                mediation("m3-a", "M3", QINGPU, "2017-02-02T10:00", RECEIVED),
                mediation("m3-b", "M3", QINGPU, "2017-03-01T10:00", FAILED));

        assertThat(count("mediation.received", "month:2017-02")).isEqualTo(3);
        assertThat(count("mediation.succeeded", "month:2017-02")).isEqualTo(2);
        assertThat(count("mediation.agreements", "month:2017-02")).isEqualTo(1);
        assertThat(count("mediation.failed", "month:2017-03")).isEqualTo(1);
        assertThat(count("mediation.failed", "month:2017-02")).isZero();
    }

    @Test
    @DisplayName("the result is exclusive: a later FAILED replaces an earlier SUCCEEDED (and its agreement)")
    void resultAmended() {
        pipeline.send(
                mediation("m1-a", "M1", QINGPU, "2017-02-01T09:00", RECEIVED),
                mediation("m1-b", "M1", QINGPU, "2017-02-03T09:00", SUCCEEDED, true),
                mediation("m1-c", "M1", QINGPU, "2017-02-04T09:00", FAILED));

        assertThat(count("mediation.succeeded", "all")).isZero();
        assertThat(count("mediation.agreements", "all")).isZero();
        assertThat(count("mediation.failed", "all")).isEqualTo(1);
        assertThat(count("mediation.received", "all")).isEqualTo(1);
    }

    @Test
    @DisplayName("a withdrawn case counts in received and withdrawn; a result arriving out of order does not regress the later one")
    void withdrawnAndOutOfOrder() {
        pipeline.send(
                mediation("m1-w", "M1", QINGPU, "2017-02-10T09:00", WITHDRAWN),
                mediation("m1-a", "M1", QINGPU, "2017-02-01T09:00", RECEIVED),
                mediation("m2-new", "M2", QINGPU, "2017-02-20T09:00", SUCCEEDED, true),
                mediation("m2-old", "M2", QINGPU, "2017-02-10T09:00", FAILED));

        assertThat(count("mediation.withdrawn", "day:2017-02-10")).isEqualTo(1);
        assertThat(count("mediation.received", "day:2017-02-01")).isEqualTo(1);
        assertThat(count("mediation.received", "day:2017-02-10")).isEqualTo(1);
        assertThat(count("mediation.succeeded", "day:2017-02-20")).isEqualTo(1);
        assertThat(count("mediation.failed", "all")).isZero();
    }

    @Test
    @DisplayName("on equal occurredAt the event that arrived later wins")
    void tieBrokenByArrival() {
        pipeline.send(
                mediation("m1-b", "M1", QINGPU, "2017-02-03T09:00", SUCCEEDED, true),
                mediation("m1-c", "M1", QINGPU, "2017-02-03T09:00", FAILED));
        assertThat(count("mediation.failed", "all")).isEqualTo(1);
        assertThat(count("mediation.succeeded", "all")).isZero();

        pipeline.send(mediation("m1-d", "M1", QINGPU, "2017-02-03T09:00", SUCCEEDED, false));
        assertThat(count("mediation.failed", "all")).isZero();
        assertThat(count("mediation.succeeded", "all")).isEqualTo(1);
        assertThat(count("mediation.agreements", "all")).isZero();
    }

    @Test
    @DisplayName("success rate = succeeded / (succeeded + failed), with numerator and denominator; undefined (null) with no results")
    void successRate() {
        var none = pipeline.total(QINGPU, "mediation.success_rate", "year:2017");
        assertThat(none.value()).isNull();
        assertThat(none.numerator()).isZero();
        assertThat(none.denominator()).isZero();

        for (int i = 0; i < 4; i++) pipeline.send(mediation("s" + i, "S" + i, QINGPU, "2017-06-01T09:00", SUCCEEDED));
        pipeline.send(mediation("f0", "F0", QINGPU, "2017-06-01T09:00", FAILED));
        pipeline.send(mediation("w0", "W0", QINGPU, "2017-06-01T09:00", WITHDRAWN));

        var rate = pipeline.total(QINGPU, "mediation.success_rate", "year:2017");
        assertThat(rate.numerator()).isEqualTo(4);
        assertThat(rate.denominator()).isEqualTo(5);
        assertThat(rate.value()).isEqualTo(0.8);
    }
}
