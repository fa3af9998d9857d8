package dev.indicators.streams;

import dev.indicators.contract.avro.IndicatorTotal;
import dev.indicators.streams.app.StoreKind;
import dev.indicators.streams.support.TestPipeline;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static dev.indicators.contract.avro.MediationStatus.RECEIVED;
import static dev.indicators.testkit.events.Events.QINGPU;
import static dev.indicators.testkit.events.Events.mediation;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Publication cycle: a total changed while the pipeline keeps up is published one cycle (250 ms) later; "
        + "while it is behind and changes keep coming, the cycle stretches to a quarter of how far behind it is, up to 30 s; "
        + "once the backlog is worked off, what is left is published at once")
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
    void oneEventKeepingUp() {
        pipeline.send(mediation("m1", "M1", QINGPU, "2017-03-02T09:00", RECEIVED), TestPipeline.NOW);
        assertThat(published()).as("before the cycle has elapsed").isEmpty();
        pipeline.advance(Duration.ofMillis(250));
        assertThat(published()).containsExactly(1.0);
    }

    @Test
    @DisplayName("keeping up, 300 changes 100 ms apart publish the total every cycle, about 100 times, ending with 300")
    void keepingUp() {
        sendEvery100ms(300, Duration.ZERO);
        pipeline.advance(Duration.ofMillis(300));
        List<Double> values = published();
        assertThat(values).hasSizeBetween(90, 130).isSorted();
        assertThat(values.get(values.size() - 1)).isEqualTo(300.0);
    }

    @Test
    @DisplayName("two minutes behind, the same 300 changes publish the total twice: after the 30 s cycle, and the final 300 once they stop")
    void behind() {
        sendEvery100ms(300, Duration.ofMinutes(2));
        assertThat(published()).as("during the 30 s of changes").hasSize(1);
        assertThat(published().get(0)).as("the value at the end of the 30 s cycle").isBetween(260.0, 299.0);
        pipeline.advance(Duration.ofMillis(300));
        assertThat(published()).as("a cycle after the changes stopped").hasSize(2);
        assertThat(published().get(1)).isEqualTo(300.0);
    }

    @Test
    @DisplayName("a commit in the last tenth of the cycle publishes (commits fall a little before or after its end): at 224 ms not yet, at 225 ms all three changes")
    void lastTenthOfTheCycle() {
        pipeline.send(mediation("m1", "M1", QINGPU, "2017-03-02T09:00", RECEIVED));
        pipeline.advance(Duration.ofMillis(224));
        pipeline.send(mediation("m2", "M2", QINGPU, "2017-03-02T09:00", RECEIVED));
        assertThat(published()).as("224 ms after the last publication (the start)").isEmpty();
        pipeline.advance(Duration.ofMillis(1));
        pipeline.send(mediation("m3", "M3", QINGPU, "2017-03-02T09:00", RECEIVED));
        assertThat(published()).containsExactly(3.0);
    }

    @Test
    @DisplayName("an event two minutes late with nothing after it is published one cycle after it came: only changes that keep coming stretch the cycle")
    void oneLateEventAlone() {
        pipeline.send(mediation("m1", "M1", QINGPU, "2017-03-02T09:00", RECEIVED), TestPipeline.NOW.minus(Duration.ofMinutes(2)));
        assertThat(published()).isEmpty();
        pipeline.advance(Duration.ofMillis(250));
        assertThat(published()).containsExactly(1.0);
    }

    @Test
    @DisplayName("once the app is stopping, the next commit publishes what the cycle held back, without waiting for the cycle's end")
    void stoppingPublishesAtTheNextCommit() {
        pipeline.send(mediation("m1", "M1", QINGPU, "2017-03-02T09:00", RECEIVED));
        assertThat(published()).isEmpty();
        pipeline.stopping();
        pipeline.send(mediation("m2", "M2", QINGPU, "2017-03-02T09:00", RECEIVED));
        assertThat(published()).containsExactly(2.0);
    }

    @Test
    @DisplayName("the app knows whether committed changes are still unpublished: none before any event, some while the cycle holds them back, none once published")
    void unpublishedChanges() {
        pipeline.advance(Duration.ofSeconds(1));
        assertThat(pipeline.anyUnpublished()).as("nothing counted yet").isFalse();
        pipeline.send(mediation("m1", "M1", QINGPU, "2017-03-02T09:00", RECEIVED));
        assertThat(pipeline.anyUnpublished()).as("counted, held back by the cycle").isTrue();
        pipeline.advance(Duration.ofMillis(250));
        assertThat(published()).containsExactly(1.0);
        assertThat(pipeline.anyUnpublished()).isFalse();
        pipeline.advance(Duration.ofSeconds(1));
        assertThat(pipeline.anyUnpublished()).as("later cycles with nothing new").isFalse();
    }

    @Test
    @DisplayName("a two-minute cycle is kept across the wall-clock refresh of every minute: the refresh publishes early only when the day turned")
    void longCycleKeptAcrossTheRefresh() {
        try (TestPipeline slow = new TestPipeline(TestPipeline.NOW, Duration.ofDays(30), StoreKind.IN_MEMORY, null,
                Duration.ofMinutes(2), Duration.ofMinutes(2))) {
            slow.send(mediation("m1", "M1", QINGPU, "2017-03-02T09:00", RECEIVED));
            slow.advance(Duration.ofSeconds(60));
            assertThat(slow.published()).as("after the first refresh").isEmpty();
            slow.advance(Duration.ofSeconds(60));
            assertThat(slow.published()).filteredOn(r -> r.key().equals(KEY)).extracting(r -> r.value().getValue()).containsExactly(1.0);
        }
    }

    /** Sends {@code n} events on the same county-month, one every 100 ms, each published {@code behind} before it arrives. */
    private void sendEvery100ms(int n, Duration behind) {
        for (int i = 1; i <= n; i++) {
            Instant publishedAt = pipeline.clock.instant().minus(behind);
            pipeline.send(mediation("m" + i, "M" + i, QINGPU, "2017-03-02T09:00", RECEIVED), publishedAt);
            pipeline.advance(Duration.ofMillis(100));
        }
    }

    private List<Double> published() {
        return pipeline.published().stream().filter(r -> r.key().equals(KEY)).map(TestRecord::value).map(IndicatorTotal::getValue).toList();
    }
}
