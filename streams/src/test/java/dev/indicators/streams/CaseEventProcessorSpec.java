package dev.indicators.streams;

import dev.indicators.contract.EventType;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.contract.validation.EventRules;
import dev.indicators.streams.cases.CaseCounting;
import dev.indicators.streams.cases.CaseEventProcessor;
import dev.indicators.streams.cases.CaseHistory;
import dev.indicators.streams.cases.CaseHistorySerde;
import dev.indicators.streams.cases.Routed;
import dev.indicators.streams.codec.PlainAvroCodec;
import dev.indicators.streams.deadletter.DeadLetter;
import dev.indicators.streams.metrics.PipelineMetrics;
import dev.indicators.streams.reconsideration.ReconsiderationCounting;
import dev.indicators.streams.region.RollUp;
import dev.indicators.streams.totals.Contribution;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.indicators.contract.avro.ReconsiderationStage.ACCEPTED;
import static dev.indicators.contract.avro.ReconsiderationStage.APPLIED;
import static dev.indicators.streams.support.Events.QINGPU;
import static dev.indicators.streams.support.Events.reconsideration;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Case processor: a failure while counting refuses the event whole and leaves the case as it was")
class CaseEventProcessorSpec {

    @Test
    void processingErrorIsDeadLettered() {
        MockProcessorContext<String, Routed> context = new MockProcessorContext<>();
        KeyValueStore<String, CaseHistory> cases = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("cases"),
                Serdes.String(), new CaseHistorySerde(EventType.RECONSIDERATION)).withLoggingDisabled().build();
        cases.init(context.getStateStoreContext(), cases);
        context.addStateStore(cases);
        WindowStore<String, byte[]> ids = Stores.windowStoreBuilder(Stores.inMemoryWindowStore("ids", Duration.ofDays(30), Duration.ofMillis(1), false),
                Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build();
        ids.init(context.getStateStoreContext(), ids);
        context.addStateStore(ids);

        AtomicBoolean broken = new AtomicBoolean(false);
        CaseCounting sometimesBroken = history -> {
            if (broken.get() && history.events().size() > 1) throw new IllegalStateException("counting failed");
            return new ReconsiderationCounting().count(history);
        };
        PlainAvroCodec codec = new PlainAvroCodec();
        PipelineMetrics metrics = PipelineMetrics.unobserved();
        CaseEventProcessor processor = new CaseEventProcessor(EventType.RECONSIDERATION, codec, new EventRules(RegionTable.bundled()),
                sometimesBroken, new RollUp(RegionTable.bundled()), metrics, "ids", "cases");
        processor.init(context);

        byte[] key = "C1".getBytes(StandardCharsets.UTF_8);
        context.setRecordMetadata("indicators.reconsideration.v1", 3, 41);
        processor.process(new Record<>(key, codec.encode(reconsideration("c1-a", "C1", QINGPU, "2017-03-02T09:00", APPLIED)), 1000L));
        assertThat(context.forwarded()).hasSize(4).allSatisfy(f -> assertThat(f.record().value()).isInstanceOf(Contribution.class));
        context.resetForwards();

        broken.set(true);
        context.setRecordMetadata("indicators.reconsideration.v1", 3, 42);
        byte[] accepted = codec.encode(reconsideration("c1-b", "C1", QINGPU, "2017-03-05T09:00", ACCEPTED));
        processor.process(new Record<>(key, accepted, 2000L));

        assertThat(context.forwarded()).singleElement().satisfies(f -> {
            DeadLetter letter = (DeadLetter) f.record().value();
            assertThat(letter.header(DeadLetter.REASON)).isEqualTo("processing-error");
            assertThat(letter.header(DeadLetter.DETAIL)).contains("counting failed");
            assertThat(letter.header(DeadLetter.SOURCE_PARTITION)).isEqualTo("3");
            assertThat(letter.header(DeadLetter.SOURCE_OFFSET)).isEqualTo("42");
            assertThat(letter.value()).isEqualTo(accepted);
        });
        assertThat(cases.get("C1").events()).hasSize(1);
        try (var it = ids.fetch("c1-b", 0L, Long.MAX_VALUE)) {
            assertThat(it.hasNext()).as("a refused event is not recorded as seen, so a re-send after a fix counts").isFalse();
        }
    }
}
