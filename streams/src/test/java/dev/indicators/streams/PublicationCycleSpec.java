package dev.indicators.streams;

import dev.indicators.contract.avro.IndicatorTotal;
import dev.indicators.streams.app.StoreKind;
import dev.indicators.streams.support.TestPipeline;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.indicators.contract.avro.MediationStatus.RECEIVED;
import static dev.indicators.streams.support.Events.QINGPU;
import static dev.indicators.streams.support.Events.mediation;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Publication cycle: a total changed while the pipeline keeps up is published one cycle (250 ms) later; "
        + "while it is behind, the cycle stretches to a quarter of how far behind it is, up to the longest cycle (30 s)")
class PublicationCycleSpec {

    private static final String KEY = "310118|mediation.received|month:2017-03";
    private final TestPipeline pipeline = new TestPipeline(TestPipeline.NOW, Duration.ofDays(30), StoreKind.IN_MEMORY, null,
            Duration.ofMillis(250), Duration.ofSeconds(30));

    @AfterEach
    void close() {
        pipeline.close();
    }

    @Test
    @DisplayName("an event published just now is on the totals topic after one cycle")
    void keepingUp() {
        pipeline.send(mediation("m1", "M1", QINGPU, "2017-03-02T09:00", RECEIVED), TestPipeline.NOW);
        assertThat(published(KEY)).as("before the cycle has elapsed").isEmpty();
        pipeline.advance(Duration.ofMillis(250));
        assertThat(published(KEY)).extracting(IndicatorTotal::getValue).containsExactly(1.0);
    }

    @Test
    @DisplayName("an event published 20 s ago waits for a cycle of about 6 s; one published 2 minutes ago for the longest, 30 s")
    void behind() {
        // 20 s behind, then 24 s: a quarter of it is a 6 s cycle
        pipeline.send(mediation("m1", "M1", QINGPU, "2017-03-02T09:00", RECEIVED), TestPipeline.NOW.minusSeconds(20));
        pipeline.advance(Duration.ofSeconds(4));
        assertThat(published(KEY)).as("4 s into a 6 s cycle").isEmpty();
        pipeline.advance(Duration.ofSeconds(4));
        assertThat(published(KEY)).as("after 8 s").extracting(IndicatorTotal::getValue).containsExactly(1.0);

        pipeline.send(mediation("m2", "M2", QINGPU, "2017-03-03T09:00", RECEIVED), pipeline.clock.instant().minusSeconds(120));
        pipeline.advance(Duration.ofSeconds(20));
        assertThat(published(KEY)).as("20 s into the 30 s cycle: still the first value only").extracting(IndicatorTotal::getValue).containsExactly(1.0);
        pipeline.advance(Duration.ofSeconds(10));
        assertThat(published(KEY)).as("after 30 s").extracting(IndicatorTotal::getValue).containsExactly(1.0, 2.0);
    }

    @Test
    @DisplayName("events arriving during a stretched cycle are published together, each changed total once")
    void oncePerCycle() {
        for (int i = 1; i <= 40; i++) {
            String id = "m" + i;
            pipeline.send(mediation(id, "M" + i, QINGPU, "2017-03-02T09:00", RECEIVED), TestPipeline.NOW.minusSeconds(120));
            pipeline.advance(Duration.ofMillis(500));
        }
        pipeline.advance(Duration.ofSeconds(11));
        assertThat(published(KEY)).extracting(IndicatorTotal::getValue).containsExactly(40.0);
    }

    private List<IndicatorTotal> published(String key) {
        return pipeline.published().stream().filter(r -> r.key().equals(key)).map(TestRecord::value).toList();
    }
}
