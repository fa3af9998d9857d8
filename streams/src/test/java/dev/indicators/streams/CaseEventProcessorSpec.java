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
import dev.indicators.contract.avro.IndicatorTotal;
import dev.indicators.streams.codec.AvroBinary;
import dev.indicators.streams.codec.EventCodec;
import dev.indicators.streams.codec.PlainAvroCodec;
import dev.indicators.streams.deadletter.DeadLetter;
import dev.indicators.streams.intake.CaseEventProcessor;
import dev.indicators.streams.intake.CaseOutput;
import dev.indicators.streams.metrics.PipelineMetrics;
import dev.indicators.contract.reconsideration.ReconsiderationCounting;
import dev.indicators.streams.region.RegionIndex;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
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
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static dev.indicators.contract.avro.CertificateAction.ISSUED;
import static dev.indicators.contract.avro.ReconsiderationStage.ACCEPTED;
import static dev.indicators.contract.avro.ReconsiderationStage.APPLIED;
import static dev.indicators.testkit.events.Events.QINGPU;
import static dev.indicators.testkit.events.Events.certificate;
import static dev.indicators.testkit.events.Events.reconsideration;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Case processor: records it cannot count are refused whole, saying why, and leave the case as it was")
class CaseEventProcessorSpec {

    private static final String TOPIC = "indicators.reconsideration.v1";

    /** The case stage of reconsideration alone, over the bundled region table; what it sends on lands in {@code out}. */
    private static TopologyTestDriver caseStage(EventCodec codec, CaseCounting counting, List<CaseOutput> out) throws java.io.IOException {
        Topology topology = new Topology();
        topology.addSource("in", new ByteArrayDeserializer(), new ByteArrayDeserializer(), TOPIC);
        topology.addProcessor("cases", () -> new CaseEventProcessor(EventType.RECONSIDERATION, codec, new EventRules(RegionTable.bundled()),
                counting, new RegionIndex(RegionTable.bundled()), PipelineMetrics.unobserved(), "cases", "due"), "in");
        topology.addProcessor("out", () -> (Processor<String, CaseOutput, Void, Void>) r -> out.add(r.value()), "cases");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("cases"), Serdes.String(), new CaseStateSerde()), "cases");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("due"), Serdes.String(), Serdes.Long())
                .withCachingEnabled().withLoggingDisabled(), "cases");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "case-processor-spec");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("case-processor-spec").toString());
        return new TopologyTestDriver(topology, props);
    }

    /**
     * A codec that, like the registry's wire format, reads the type the writer used rather than the topic's: the record
     * names its writer's class (here in a header), so a record of any type can arrive on any topic and still be read.
     */
    private static final class WriterNamedCodec implements EventCodec {
        static final String WRITER = "writer";

        @Override
        public SpecificRecord decode(EventType type, String topic, Headers headers, byte[] value) {
            try {
                String writer = new String(headers.lastHeader(WRITER).value(), StandardCharsets.UTF_8);
                return AvroBinary.decode(Class.forName(writer).asSubclass(SpecificRecord.class), value);
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException(e);
            }
        }

        @Override
        public Serde<IndicatorTotal> totalSerde() {
            return new PlainAvroCodec().totalSerde();
        }

        static TestRecord<byte[], byte[]> record(String key, SpecificRecord written) {
            return new TestRecord<>(key.getBytes(StandardCharsets.UTF_8), AvroBinary.encode(written),
                    new RecordHeaders().add(WRITER, written.getClass().getName().getBytes(StandardCharsets.UTF_8)), Instant.ofEpochMilli(1000));
        }
    }

    @Test
    @DisplayName("a certificate event read from the reconsideration topic is refused as validation, naming both types, and counts nowhere")
    void eventOfAnotherTypeOnTheTopic() throws Exception {
        List<CaseOutput> out = new ArrayList<>();
        try (TopologyTestDriver driver = caseStage(new WriterNamedCodec(), new ReconsiderationCounting(), out)) {
            var input = driver.createInputTopic(TOPIC, new ByteArraySerializer(), new ByteArraySerializer());
            input.pipeInput(WriterNamedCodec.record("K1", certificate("k1-i", "K1", QINGPU, "2017-03-02T09:00", ISSUED)));

            assertThat(out).singleElement().satisfies(o -> {
                assertThat(o.deadLetter().header(DeadLetter.REASON)).isEqualTo("validation");
                assertThat(o.deadLetter().header(DeadLetter.DETAIL)).isEqualTo("a certificate event on the reconsideration topic");
            });
            KeyValueStore<String, CaseState> cases = driver.getKeyValueStore("cases");
            assertThat(cases.get("K1")).isNull();
        }
    }

    @Test
    @DisplayName("a readable record that is no indicator event (a total written to an input topic) is refused as validation, naming its schema")
    void recordThatIsNoEvent() throws Exception {
        List<CaseOutput> out = new ArrayList<>();
        IndicatorTotal total = IndicatorTotal.newBuilder().setRegionCode(QINGPU).setRegionLevel("county")
                .setIndicator("reconsideration.applied").setPeriod("all").setValue(1.0).setNumerator(null).setDenominator(null)
                .setUpdatedAt(Instant.ofEpochMilli(1000)).build();
        try (TopologyTestDriver driver = caseStage(new WriterNamedCodec(), new ReconsiderationCounting(), out)) {
            var input = driver.createInputTopic(TOPIC, new ByteArraySerializer(), new ByteArraySerializer());
            input.pipeInput(WriterNamedCodec.record("C1", total));

            assertThat(out).singleElement().satisfies(o -> {
                assertThat(o.deadLetter().header(DeadLetter.REASON)).isEqualTo("validation");
                assertThat(o.deadLetter().header(DeadLetter.DETAIL)).isEqualTo("not an indicator event: dev.indicators.contract.avro.IndicatorTotal");
            });
        }
    }

    @Test
    @DisplayName("a processing error's detail names the chain of causes until it reaches 2,000 characters, then stops")
    void processingErrorDetailStopsAt2000Characters() throws Exception {
        String prefix = "IllegalStateException: ";
        AtomicReference<String> message = new AtomicReference<>();
        CaseCounting failing = reconsiderationCountingFailingWith(
                () -> new IllegalStateException(message.get(), new IllegalArgumentException("the cause")));
        PlainAvroCodec codec = new PlainAvroCodec();
        List<CaseOutput> out = new ArrayList<>();
        try (TopologyTestDriver driver = caseStage(codec, failing, out)) {
            var input = driver.createInputTopic(TOPIC, new ByteArraySerializer(), new ByteArraySerializer());
            byte[] key = "C1".getBytes(StandardCharsets.UTF_8);
            input.pipeInput(new TestRecord<>(key, codec.encode(reconsideration("c1-a", "C1", QINGPU, "2017-03-02T09:00", APPLIED)), Instant.ofEpochMilli(1000)));
            out.clear();

            // 1,999 characters: the cause is named too
            message.set("x".repeat(1999 - prefix.length()));
            input.pipeInput(new TestRecord<>(key, codec.encode(reconsideration("c1-b", "C1", QINGPU, "2017-03-05T09:00", ACCEPTED)), Instant.ofEpochMilli(2000)));
            // exactly 2,000 characters: the cause is left out
            message.set("x".repeat(2000 - prefix.length()));
            input.pipeInput(new TestRecord<>(key, codec.encode(reconsideration("c1-c", "C1", QINGPU, "2017-03-06T09:00", ACCEPTED)), Instant.ofEpochMilli(3000)));

            assertThat(out).extracting(o -> o.deadLetter().header(DeadLetter.DETAIL)).containsExactly(
                    prefix + "x".repeat(1999 - prefix.length()) + " <- IllegalArgumentException: the cause",
                    prefix + "x".repeat(2000 - prefix.length()));
        }
    }

    @Test
    @DisplayName("a failure while counting refuses the event whole and leaves the case as it was")
    void processingErrorIsDeadLettered() throws Exception {
        AtomicBoolean broken = new AtomicBoolean(false);
        CaseCounting sometimesBroken = reconsiderationCountingFailingWith(
                () -> broken.get() ? new IllegalStateException("counting failed") : null);
        PlainAvroCodec codec = new PlainAvroCodec();
        List<CaseOutput> out = new ArrayList<>();

        try (TopologyTestDriver driver = caseStage(codec, sometimesBroken, out)) {
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

    /**
     * Reconsideration's counting rules, except that counting a case of more than one fact throws what {@code failure}
     * gives (nothing when it gives null): a defect in the counting code, seen from the processor.
     */
    private static CaseCounting reconsiderationCountingFailingWith(Supplier<RuntimeException> failure) {
        ReconsiderationCounting rules = new ReconsiderationCounting();
        return new CaseCounting() {
            @Override
            public CaseFact factOf(SpecificRecord event, EventFingerprint fingerprint) {
                return rules.factOf(event, fingerprint);
            }

            @Override
            public CaseCounts count(CaseState state) {
                RuntimeException thrown = state.facts().size() > 1 ? failure.get() : null;
                if (thrown != null) throw thrown;
                return rules.count(state);
            }
        };
    }
}
