package dev.indicators.streams;

import dev.indicators.contract.EventType;
import dev.indicators.contract.access.Provenance;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.contract.validation.EventRules;
import dev.indicators.streams.cases.CaseStateSerde;
import dev.indicators.streams.codec.PlainAvroCodec;
import dev.indicators.streams.deadletter.DeadLetter;
import dev.indicators.streams.intake.CaseEventProcessor;
import dev.indicators.streams.intake.CaseOutput;
import dev.indicators.streams.metrics.PipelineMetrics;
import dev.indicators.contract.reconsideration.ReconsiderationCounting;
import dev.indicators.streams.region.RegionIndex;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
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

import static dev.indicators.contract.avro.ReconsiderationStage.APPLIED;
import static dev.indicators.testkit.events.Events.QINGPU;
import static dev.indicators.testkit.events.Events.reconsideration;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Provenance: an event published by a principal other than its department is a dead letter that keeps the header")
class ProvenanceSpec {

    private final PlainAvroCodec codec = new PlainAvroCodec();
    private final List<CaseOutput> out = new ArrayList<>();

    @Test
    void anEventPublishedByItsOwnDepartmentIsCounted() throws Exception {
        run(record("own-1", "OWN-1", "dept-" + QINGPU));
        assertThat(out).isNotEmpty().allSatisfy(o -> assertThat(o.isDeadLetter()).isFalse());
    }

    @Test
    void anEventPublishedByAnotherDepartmentIsADeadLetterWithItsOwnReason() throws Exception {
        TestRecord<byte[], byte[]> forged = record("forged-1", "FORGED-1", "xiangfu-district-gov");
        run(forged);
        assertThat(out).singleElement().satisfies(o -> {
            DeadLetter letter = o.deadLetter();
            assertThat(letter.header(DeadLetter.REASON)).isEqualTo("published-by-mismatch");
            assertThat(letter.header(DeadLetter.DETAIL)).contains("'xiangfu-district-gov'").contains("'dept-310118'");
            assertThat(letter.header(Provenance.PUBLISHED_BY)).as("the dead letter keeps who published it").isEqualTo("xiangfu-district-gov");
            assertThat(letter.value()).isEqualTo(forged.value());
        });
    }

    @Test
    void anEventWithoutThePublishedByHeaderIsNotCheckedAsInTheOpenMode() throws Exception {
        run(record("open-1", "OPEN-1", null));
        assertThat(out).isNotEmpty().allSatisfy(o -> assertThat(o.isDeadLetter()).isFalse());
    }

    private TestRecord<byte[], byte[]> record(String eventId, String caseId, String publishedBy) {
        RecordHeaders headers = new RecordHeaders();
        if (publishedBy != null) headers.add(Provenance.PUBLISHED_BY, publishedBy.getBytes(StandardCharsets.UTF_8));
        return new TestRecord<>(caseId.getBytes(StandardCharsets.UTF_8),
                codec.encode(reconsideration(eventId, caseId, QINGPU, "2017-03-02T09:00", APPLIED)), headers, Instant.ofEpochMilli(1000));
    }

    private void run(TestRecord<byte[], byte[]> record) throws Exception {
        Topology topology = new Topology();
        topology.addSource("in", new ByteArrayDeserializer(), new ByteArrayDeserializer(), "indicators.reconsideration.v1");
        topology.addProcessor("cases", () -> new CaseEventProcessor(EventType.RECONSIDERATION, codec, new EventRules(RegionTable.bundled()),
                new ReconsiderationCounting(), new RegionIndex(RegionTable.bundled()), PipelineMetrics.unobserved(), "cases", "due"), "in");
        topology.addProcessor("out", () -> (Processor<String, CaseOutput, Void, Void>) r -> out.add(r.value()), "cases");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("cases"), Serdes.String(), new CaseStateSerde()), "cases");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("due"), Serdes.String(), Serdes.Long())
                .withCachingEnabled().withLoggingDisabled(), "cases");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "provenance-spec");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("provenance-spec").toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props)) {
            driver.createInputTopic("indicators.reconsideration.v1", new ByteArraySerializer(), new ByteArraySerializer()).pipeInput(record);
        }
    }
}
