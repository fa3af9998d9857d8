package dev.indicators.streams;

import dev.indicators.contract.EventType;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.contract.validation.EventRules;
import dev.indicators.contract.cases.CaseCounting;
import dev.indicators.contract.cases.CaseCounts;
import dev.indicators.contract.cases.CaseFact;
import dev.indicators.contract.cases.CaseState;
import dev.indicators.streams.cases.CaseStateSerde;
import dev.indicators.contract.cases.EventFingerprint;
import dev.indicators.streams.codec.PlainAvroCodec;
import dev.indicators.streams.deadletter.DeadLetter;
import dev.indicators.streams.intake.CaseEventProcessor;
import dev.indicators.streams.intake.CaseOutput;
import dev.indicators.streams.metrics.PipelineMetrics;
import dev.indicators.contract.reconsideration.ReconsiderationCounting;
import dev.indicators.streams.region.RegionIndex;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.indicators.contract.avro.ReconsiderationStage.ACCEPTED;
import static dev.indicators.contract.avro.ReconsiderationStage.APPLIED;
import static dev.indicators.testkit.events.Events.QINGPU;
import static dev.indicators.testkit.events.Events.reconsideration;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Case processor: a failure while counting refuses the event whole and leaves the case as it was")
class CaseEventProcessorSpec {

    @Test
    void processingErrorIsDeadLettered() throws Exception {
        AtomicBoolean broken = new AtomicBoolean(false);
        CaseCounting sometimesBroken = new CaseCounting() {
            final ReconsiderationCounting rules = new ReconsiderationCounting();

            @Override
            public CaseFact factOf(SpecificRecord event, EventFingerprint fingerprint) {
                return rules.factOf(event, fingerprint);
            }

            @Override
            public CaseCounts count(CaseState state) {
                if (broken.get() && state.facts().size() > 1) throw new IllegalStateException("counting failed");
                return rules.count(state);
            }
        };
        PlainAvroCodec codec = new PlainAvroCodec();
        List<CaseOutput> out = new ArrayList<>();
        Topology topology = new Topology();
        topology.addSource("in", new ByteArrayDeserializer(), new ByteArrayDeserializer(), "indicators.reconsideration.v1");
        topology.addProcessor("cases", () -> new CaseEventProcessor(EventType.RECONSIDERATION, codec, new EventRules(RegionTable.bundled()),
                sometimesBroken, new RegionIndex(RegionTable.bundled()), PipelineMetrics.unobserved(), "cases", "due"), "in");
        topology.addProcessor("out", () -> (Processor<String, CaseOutput, Void, Void>) r -> out.add(r.value()), "cases");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("cases"), Serdes.String(), new CaseStateSerde()), "cases");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("due"), Serdes.String(), Serdes.Long())
                .withCachingEnabled().withLoggingDisabled(), "cases");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "case-processor-spec");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("case-processor-spec").toString());

        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props)) {
            var input = driver.createInputTopic("indicators.reconsideration.v1", new ByteArraySerializer(), new ByteArraySerializer());
            byte[] key = "C1".getBytes(StandardCharsets.UTF_8);
            input.pipeInput(new TestRecord<>(key, codec.encode(reconsideration("c1-a", "C1", QINGPU, "2017-03-02T09:00", APPLIED)), Instant.ofEpochMilli(1000)));
            // one batch for Shanghai (Qingpu's province) and one for the nation, sent before the commit
            assertThat(out).hasSize(2).allSatisfy(o -> assertThat(o.isDeadLetter()).isFalse());
            out.clear();

            broken.set(true);
            byte[] accepted = codec.encode(reconsideration("c1-b", "C1", QINGPU, "2017-03-05T09:00", ACCEPTED));
            input.pipeInput(new TestRecord<>(key, accepted, Instant.ofEpochMilli(2000)));

            assertThat(out).singleElement().satisfies(o -> {
                DeadLetter letter = o.deadLetter();
                assertThat(letter.header(DeadLetter.REASON)).isEqualTo("processing-error");
                assertThat(letter.header(DeadLetter.DETAIL)).contains("counting failed");
                assertThat(letter.header(DeadLetter.SOURCE_PARTITION)).isEqualTo("0");
                assertThat(letter.header(DeadLetter.SOURCE_OFFSET)).isEqualTo("1");
                assertThat(letter.value()).isEqualTo(accepted);
            });
            KeyValueStore<String, CaseState> cases = driver.getKeyValueStore("cases");
            assertThat(cases.get("C1").facts()).as("a refused event is not recorded as seen, so a re-send after a fix counts").hasSize(1);
        }
    }
}
