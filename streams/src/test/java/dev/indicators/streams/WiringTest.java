package dev.indicators.streams;

import dev.indicators.contract.certificate.CertificateIndicators;
import dev.indicators.contract.mediation.MediationIndicators;
import dev.indicators.contract.EventType;
import dev.indicators.contract.Settings;
import dev.indicators.contract.Topics;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.contract.validation.EventLimits;
import dev.indicators.streams.app.IndicatorStreamsApp;
import dev.indicators.streams.app.IndicatorTopology;
import dev.indicators.streams.app.StoreKind;
import dev.indicators.streams.app.StoreNames;
import dev.indicators.streams.app.StreamsSettings;
import dev.indicators.contract.cases.CaseFact;
import dev.indicators.contract.cases.CaseState;
import dev.indicators.streams.cases.CaseStateSerde;
import dev.indicators.contract.cases.EventFingerprint;
import dev.indicators.streams.change.CountChanges;
import dev.indicators.streams.change.CountChangesSerde;
import dev.indicators.streams.codec.AvroBinary;
import dev.indicators.contract.reconsideration.ReconsiderationCounting;
import dev.indicators.streams.region.RegionIndex;
import dev.indicators.streams.codec.PlainAvroCodec;
import dev.indicators.streams.codec.RegistryEventCodec;
import dev.indicators.streams.metrics.PipelineMetrics;
import dev.indicators.streams.query.TotalsUnavailableException;
import dev.indicators.contract.indicator.IndicatorName;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static dev.indicators.contract.avro.ReconsiderationStage.APPLIED;
import static dev.indicators.testkit.events.Events.QINGPU;
import static dev.indicators.testkit.events.Events.reconsideration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Wiring: settings, topology shape, stored forms, the app object")
class WiringTest {

    @Test
    @DisplayName("defaults: application id indicator-pipeline, exactly_once_v2, earliest offsets")
    void defaults() {
        StreamsSettings s = StreamsSettings.defaults();
        Properties p = s.streamsProperties();
        assertThat(p.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("indicator-pipeline");
        assertThat(p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("exactly_once_v2");
        // the one default every reader shares (the streams app had localhost:9092 and a registry on :8080 before)
        assertThat(p.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)).isEqualTo("127.0.0.1:9092");
        assertThat(s.registryUrl()).isEqualTo("http://127.0.0.1:8081/apis/registry/v3");
        assertThat(p.get("consumer.auto.offset.reset")).isEqualTo("earliest");
        assertThat(s.dedupeHorizon()).isEqualTo(Duration.ofDays(30));
        assertThat(s.refreshInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.topics()).isEqualTo(Topics.defaults());
        // the commit interval is the totals topic's publication cycle (issue 10; Kafka Streams' own default is 100 ms)
        assertThat(p.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(250L);
    }

    @Test
    @DisplayName("INDICATORS_* settings override the defaults; with... overrides one knob")
    void fromSettings(@TempDir Path dir) {
        StreamsSettings s = StreamsSettings.fromSettings(Settings.of(Map.of(
                "INDICATORS_APPLICATION_ID", "ip-test",
                "INDICATORS_BOOTSTRAP_SERVERS", "broker:29092",
                "INDICATORS_PROCESSING_GUARANTEE", "at_least_once",
                "INDICATORS_STREAMS_THREADS", "3",
                "INDICATORS_COMMIT_INTERVAL", "250ms",
                "INDICATORS_DEDUPE_HORIZON", "7d",
                "INDICATORS_REFRESH_INTERVAL", "15s",
                "INDICATORS_STORES", "in-memory",
                "INDICATORS_TOPIC_TOTALS", "t.totals")));
        assertThat(s.applicationId()).isEqualTo("ip-test");
        assertThat(s.threads()).isEqualTo(3);
        assertThat(s.dedupeHorizon()).isEqualTo(Duration.ofDays(7));
        assertThat(s.storeKind()).isEqualTo(StoreKind.IN_MEMORY);
        assertThat(s.topics().totals()).isEqualTo("t.totals");
        Properties p = s.withStateDir(dir).withBootstrapServers("other:9092").withKafkaProperty("linger.ms", 5).streamsProperties();
        assertThat(p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("at_least_once");
        assertThat(p.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(250L);
        assertThat(p.get(StreamsConfig.STATE_DIR_CONFIG)).isEqualTo(dir.toString());
        assertThat(p.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)).isEqualTo("other:9092");
        assertThat(p.get("linger.ms")).isEqualTo(5);
    }

    @Test
    @DisplayName("the registry URL gets Apicurio's API path when it has none")
    void registryUrl() {
        assertThat(RegistryEventCodec.apiUrl("http://localhost:8080")).isEqualTo("http://localhost:8080/apis/registry/v3");
        assertThat(RegistryEventCodec.apiUrl("http://localhost:8080/")).isEqualTo("http://localhost:8080/apis/registry/v3");
        assertThat(RegistryEventCodec.apiUrl("http://r:1/apis/registry/v2")).isEqualTo("http://r:1/apis/registry/v2");
        Map<String, Object> config = RegistryEventCodec.config("http://r:1", true, Map.of("apicurio.registry.find-latest", true));
        assertThat(config).containsEntry("apicurio.registry.url", "http://r:1/apis/registry/v3")
                .containsEntry("apicurio.registry.use-specific-avro-reader", true)
                .containsEntry("apicurio.registry.auto-register", true)
                .containsEntry("apicurio.registry.find-latest", true);
    }

    @Test
    @DisplayName("the topology reads the three input topics, writes dead letters and totals, and repartitions batches of count changes by province")
    void topologyShape() {
        var topology = new IndicatorTopology(Topics.defaults(), RegionTable.bundled(), new PlainAvroCodec(), EventLimits.defaults(),
                Clock.systemUTC(), Duration.ofDays(30), Duration.ofSeconds(60), StoreKind.PERSISTENT, PipelineMetrics.unobserved()).build();
        TopologyDescription d = topology.describe();
        Set<String> sources = new HashSet<>();
        Set<String> sinks = new HashSet<>();
        Set<String> stores = new HashSet<>();
        for (TopologyDescription.Subtopology st : d.subtopologies()) {
            for (TopologyDescription.Node n : st.nodes()) {
                if (n instanceof TopologyDescription.Source s) sources.addAll(s.topicSet());
                if (n instanceof TopologyDescription.Sink s) sinks.add(s.topic());
                if (n instanceof TopologyDescription.Processor p) stores.addAll(p.stores());
            }
        }
        assertThat(sources).contains("indicators.reconsideration.v1", "indicators.mediation.v1", "indicators.certificate.v1",
                "indicators.litigation.v1", "changes-repartition");
        assertThat(sinks).contains("indicators.deadletter.v1", "indicators.totals.v1", "changes-repartition");
        assertThat(stores).containsExactlyInAnyOrder(StoreNames.TOTALS, StoreNames.PUBLISH_DUE,
                StoreNames.changesDue(EventType.RECONSIDERATION), StoreNames.cases(EventType.RECONSIDERATION),
                StoreNames.changesDue(EventType.MEDIATION), StoreNames.cases(EventType.MEDIATION),
                StoreNames.changesDue(EventType.CERTIFICATE), StoreNames.cases(EventType.CERTIFICATE),
                StoreNames.changesDue(EventType.LITIGATION), StoreNames.cases(EventType.LITIGATION));
    }

    @Test
    @DisplayName("case states and batches of count changes survive their stored form; a province routes its regions")
    void storedForms() {
        var counting = new ReconsiderationCounting();
        var e1 = reconsideration("c1-a", "C1", QINGPU, "2017-03-02T09:00", APPLIED);
        var e2 = reconsideration("c1-b", "C1", QINGPU, "2017-03-03T09:00", APPLIED);
        CaseState state = CaseState.EMPTY.with(counting.factOf(e1, EventFingerprint.of(AvroBinary.encode(e1))))
                .with(counting.factOf(e2, EventFingerprint.of(AvroBinary.encode(e2))));
        var serde = new CaseStateSerde();
        CaseState back = serde.deserializer().deserialize("t", serde.serializer().serialize("t", state));
        assertThat(back).isEqualTo(state);
        assertThat(back.facts()).extracting(CaseFact::arrival).containsExactly(1, 2);
        assertThat(back.facts().get(1).eventId()).isEqualTo("c1-b");

        CountChanges c = new CountChanges(2).add("310118", CertificateIndicators.ACTIVE, LocalDate.of(2017, 3, 2), -1)
                .add("000000", MediationIndicators.RECEIVED, LocalDate.of(1990, 1, 1), 7);
        var cs = new CountChangesSerde();
        assertThat(cs.deserializer().deserialize("t", cs.serializer().serialize("t", c))).isEqualTo(c);
        RegionIndex regions = new RegionIndex(RegionTable.bundled());
        assertThat(regions.routingKey("310118")).isEqualTo("310000");
        assertThat(regions.routingKey("310100")).isEqualTo("310000");
        assertThat(regions.routingKey("310000")).isEqualTo("310000");
        assertThat(regions.routingKey("000000")).isEqualTo("000000");
    }

    @Test
    @DisplayName("the app builds its client without starting; queries before it runs say the totals are unavailable")
    void appBeforeStart(@TempDir Path dir) {
        StreamsSettings s = StreamsSettings.defaults().withBootstrapServers("localhost:1").withStateDir(dir).withApplicationId("wiring-test");
        try (IndicatorStreamsApp app = new IndicatorStreamsApp(s, RegionTable.bundled(), new PlainAvroCodec(), new SimpleMeterRegistry(), Clock.systemUTC())) {
            assertThat(app.state()).isEqualTo(KafkaStreams.State.CREATED);
            assertThat(app.isRunning()).isFalse();
            assertThat(app.query().regionTree().code()).isEqualTo("000000");
            assertThatThrownBy(() -> app.query().total(QINGPU, "mediation.received", "all")).isInstanceOf(TotalsUnavailableException.class);
        }
    }

    @Test
    @DisplayName("the pipeline's meters: processed, duplicates, late and dead letters by type and reason, and the end-to-end latency timer")
    void meters() {
        try (var pipeline = new dev.indicators.streams.support.TestPipeline()) {
            var e = reconsideration("c1-a", "C1", QINGPU, "2017-03-02T09:00", APPLIED);
            pipeline.send(e, dev.indicators.streams.support.TestPipeline.NOW.minusSeconds(2)).send(e);
            assertThat(pipeline.meter(PipelineMetrics.PROCESSED, "type", "reconsideration")).isEqualTo(1);
            assertThat(pipeline.meter(PipelineMetrics.DUPLICATES, "type", "reconsideration")).isEqualTo(1);
            assertThat(pipeline.meter(PipelineMetrics.LATE, "type", "reconsideration")).isEqualTo(1);
            var timer = pipeline.meters.find(PipelineMetrics.E2E_LATENCY).timer();
            assertThat(timer).isNotNull();
            // each published total (month, quarter, year, all; the day is not on the topic) of the 4 regions of Qingpu's lineage
            assertThat(timer.count()).isEqualTo(4 * 4);
            assertThat(timer.max(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(2000.0);
            assertThat(pipeline.meters.find(PipelineMetrics.DEAD_LETTERED).counters()).as("every type, every reason")
                    .hasSize(EventType.values().length * dev.indicators.streams.deadletter.DeadLetterReason.values().length);
            assertThat(pipeline.meter(PipelineMetrics.TOTALS_PUBLISHED)).isEqualTo(pipeline.published().size());
        }
    }
}
