package dev.indicators.streams.aggregate;

import dev.indicators.contract.avro.IndicatorTotal;
import dev.indicators.contract.mediation.MediationIndicators;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.streams.change.CountChanges;
import dev.indicators.streams.change.CountChangesSerde;
import dev.indicators.streams.codec.PlainAvroCodec;
import dev.indicators.streams.metrics.PipelineMetrics;
import dev.indicators.streams.region.RegionIndex;
import dev.indicators.streams.support.MutableClock;
import dev.indicators.testkit.events.Events;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.InMemoryKeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The totals stage across a restart. What a commit leaves in the changelog of the totals store (each region's own
 * day cells per month, the publication cycles done, the day the windows were last slid) is all a restarted stage
 * has: it must publish every change that was committed but not published, not publish again what was, and slide the
 * trailing windows if the day turned while it was down.
 *
 * <p>The whole topology's driver deletes its state when closed, so this specification runs the totals stage alone,
 * fed with count changes as the case stage sends them, and restarts it by restoring its store from the changelog
 * records the previous driver wrote, as Kafka Streams restores a task on another instance.
 */
@DisplayName("Totals stage restarted from its changelog: publishes what was committed but unpublished, nothing twice, and slides the windows")
class TotalsRestartSpec {

    private static final String APP = "totals-restart-spec";
    private static final String CHANGES = "changes";
    private static final String TOTALS = "totals";
    private static final String BLOCKS = "blocks";
    private static final String DUE = "due";
    private static final String QINGPU = Events.QINGPU;

    private final RegionIndex regions = new RegionIndex(RegionTable.bundled());
    private final PlainAvroCodec codec = new PlainAvroCodec();
    private final MutableClock clock = new MutableClock(Events.at("2025-06-15T12:00"));
    private final TotalsDirectory directory = new TotalsDirectory();
    /** The totals store's changelog as compaction keeps it: key → latest value (deleted keys removed). */
    private final Map<String, byte[]> changelog = new LinkedHashMap<>();
    private final Path stateDir;
    private Duration cycle = Duration.ZERO;
    private Duration cycleMax = Duration.ZERO;
    private TopologyTestDriver driver;
    private TestInputTopic<String, CountChanges> changes;
    private TestOutputTopic<String, IndicatorTotal> totals;
    private TestOutputTopic<String, byte[]> blocksChangelog;

    TotalsRestartSpec() throws java.io.IOException {
        stateDir = Files.createTempDirectory("totals-restart-spec");
    }

    @AfterEach
    void close() {
        if (driver != null) driver.close();
        try (var files = Files.walk(stateDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException ignored) {
            // best effort
        }
    }

    @Test
    @DisplayName("a change committed but held back by the cycle when the stage went down is published after the restart, stamped with its input time")
    void unpublishedChangeIsPublishedAfterTheRestart() {
        cycle = Duration.ofMillis(250);
        start();
        Instant input = clock.instant().minusSeconds(5);
        send(input, new CountChanges(1).add(QINGPU, MediationIndicators.RECEIVED, LocalDate.parse("2017-03-02"), 1));
        assertThat(published()).as("held back by the cycle").isEmpty();

        crashAndRestart();
        advance(Duration.ofMillis(250));
        List<TestRecord<String, IndicatorTotal>> after = published();
        assertThat(keysAndValues(after)).containsOnly(
                Map.entry("310118|mediation.received|month:2017-03", 1.0),
                Map.entry("310118|mediation.received|quarter:2017Q1", 1.0),
                Map.entry("310118|mediation.received|year:2017", 1.0),
                Map.entry("310118|mediation.received|all", 1.0),
                Map.entry("310100|mediation.received|month:2017-03", 1.0),
                Map.entry("310100|mediation.received|quarter:2017Q1", 1.0),
                Map.entry("310100|mediation.received|year:2017", 1.0),
                Map.entry("310100|mediation.received|all", 1.0),
                Map.entry("310000|mediation.received|month:2017-03", 1.0),
                Map.entry("310000|mediation.received|quarter:2017Q1", 1.0),
                Map.entry("310000|mediation.received|year:2017", 1.0),
                Map.entry("310000|mediation.received|all", 1.0));
        assertThat(after).hasSize(12).allSatisfy(r -> assertThat(r.getRecordTime()).isEqualTo(input));
    }

    @Test
    @DisplayName("restarted after a change two minutes old, the stage is still behind: the new changes that keep coming stretch the cycle, "
            + "and once they stop, all are published at once")
    void restartedStageIsBehindByItsOldestUnpublishedChange() {
        cycle = Duration.ofMillis(250);
        cycleMax = Duration.ofSeconds(30);
        start();
        Instant old = clock.instant().minus(Duration.ofMinutes(2));
        send(old, new CountChanges(1).add(QINGPU, MediationIndicators.RECEIVED, LocalDate.parse("2017-03-02"), 1));

        crashAndRestart();
        for (int i = 0; i < 20; i++) {
            send(clock.instant(), new CountChanges(1).add(QINGPU, MediationIndicators.RECEIVED, LocalDate.parse("2017-03-02"), 1));
            advance(Duration.ofMillis(100));
        }
        assertThat(published()).as("2 s of fresh changes after the restart: the cycle is 30 s, a quarter of 2 minutes").isEmpty();

        advance(Duration.ofMillis(250));
        List<TestRecord<String, IndicatorTotal>> after = published();
        assertThat(keysAndValues(after)).hasSize(12).containsEntry("310118|mediation.received|month:2017-03", 21.0);
        assertThat(after).allSatisfy(r -> assertThat(r.getRecordTime()).as("the earliest input time").isEqualTo(old));
    }

    @Test
    @DisplayName("a change published before the stage went down is not published again; its totals are there to query")
    void publishedChangeIsNotPublishedAgain() {
        start();
        send(clock.instant(), new CountChanges(1).add(QINGPU, MediationIndicators.RECEIVED, LocalDate.parse("2017-03-02"), 2));
        assertThat(published()).hasSize(12);

        crashAndRestart();
        advance(Duration.ofSeconds(61));
        assertThat(published()).isEmpty();
        TotalsCells view = directory.view();
        assertThat(view.all(regions.indexOf(QINGPU), MediationIndicators.RECEIVED.ordinal())).isEqualTo(2);
        assertThat(view.month(regions.indexOf("310000"), MediationIndicators.RECEIVED.ordinal(), Months.of(LocalDate.parse("2017-03-02")))).isEqualTo(2);
    }

    @Test
    @DisplayName("of a month published and changed again, a restart publishes the new change stamped with its own input time, not the older one's")
    void onlyTheNewChangeOfAPublishedMonthIsUnpublished() {
        cycle = Duration.ofMillis(250);
        start();
        Instant first = clock.instant();
        send(first, new CountChanges(1).add(QINGPU, MediationIndicators.RECEIVED, LocalDate.parse("2017-03-02"), 1));
        advance(Duration.ofMillis(250));
        assertThat(published()).hasSize(12);

        advance(Duration.ofMillis(100)); // within the next cycle
        Instant second = clock.instant();
        send(second, new CountChanges(1).add(QINGPU, MediationIndicators.RECEIVED, LocalDate.parse("2017-03-20"), 1));
        assertThat(published()).as("held back by the cycle").isEmpty();

        crashAndRestart();
        advance(Duration.ofMillis(250));
        List<TestRecord<String, IndicatorTotal>> after = published();
        assertThat(keysAndValues(after)).containsEntry("310118|mediation.received|month:2017-03", 2.0);
        assertThat(after).hasSize(12).allSatisfy(r -> assertThat(r.getRecordTime()).isEqualTo(second));
    }

    @Test
    @DisplayName("down across midnight: its totals leave the query API while it is down; the restarted stage slides the trailing windows to the new day (a case of 9 June leaves the 7 days on the 16th)")
    void windowsSlideAfterARestartOnANewDay() {
        start();
        send(clock.instant(), new CountChanges(1).add(QINGPU, MediationIndicators.RECEIVED, LocalDate.parse("2025-06-09"), 1));
        assertThat(keysAndValues(published())).containsEntry("310118|mediation.received|trailing:7d", 1.0);

        stop();
        assertThat(directory.tasks()).as("a stopped stage's totals leave the query API").isEmpty();
        clock.advance(Duration.ofDays(1));
        start();
        assertThat(directory.tasks()).as("the restarted task's totals are back").containsExactly("0_0");
        advance(Duration.ofSeconds(60)); // the first refresh
        assertThat(keysAndValues(published())).containsOnly(
                Map.entry("310118|mediation.received|trailing:7d", 0.0),
                Map.entry("310118|mediation.received|trailing:30d", 1.0),
                Map.entry("310118|mediation.received|trailing:365d", 1.0),
                Map.entry("310100|mediation.received|trailing:7d", 0.0),
                Map.entry("310100|mediation.received|trailing:30d", 1.0),
                Map.entry("310100|mediation.received|trailing:365d", 1.0),
                Map.entry("310000|mediation.received|trailing:7d", 0.0),
                Map.entry("310000|mediation.received|trailing:30d", 1.0),
                Map.entry("310000|mediation.received|trailing:365d", 1.0));
    }

    // --- the stage, its driver and its changelog

    private void start() {
        Topology topology = new Topology();
        topology.addSource(CHANGES, new StringDeserializer(), new CountChangesSerde().deserializer(), CHANGES);
        topology.addProcessor(TOTALS, () -> new TotalsProcessor(regions, clock, Duration.ofSeconds(60), cycle, cycleMax,
                PipelineMetrics.unobserved(), directory, BLOCKS, DUE), CHANGES);
        Map<String, byte[]> restored = Map.copyOf(changelog);
        topology.addStateStore(Stores.keyValueStoreBuilder(new RestoredFromChangelog(BLOCKS, restored), Serdes.String(), Serdes.ByteArray()), TOTALS);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(DUE), Serdes.String(), Serdes.Long())
                .withCachingEnabled().withLoggingDisabled(), TOTALS);
        topology.addSink(TOTALS + "-topic", TOTALS, new StringSerializer(), codec.totalSerde().serializer(), TOTALS);

        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(topology, props, clock.instant());
        changes = driver.createInputTopic(CHANGES, new StringSerializer(), new CountChangesSerde().serializer());
        totals = driver.createOutputTopic(TOTALS, new StringDeserializer(), codec.totalSerde().deserializer());
        blocksChangelog = driver.createOutputTopic(APP + "-" + BLOCKS + "-changelog", new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Keeps what the last commit wrote to the changelog, then closes the driver, as a stop or a crash after a commit. */
    private void stop() {
        for (TestRecord<String, byte[]> r : blocksChangelog.readRecordsToList()) {
            if (r.value() == null) changelog.remove(r.key());
            else changelog.put(r.key(), r.value());
        }
        assertThat(changelog).as("the changelog of the totals store").isNotEmpty();
        driver.close();
        driver = null;
    }

    private void crashAndRestart() {
        stop();
        start();
    }

    private void send(Instant inputTime, CountChanges batch) {
        changes.pipeInput(new TestRecord<>("310000", batch, inputTime)); // keyed by the province, as the case stage sends them
    }

    private void advance(Duration d) {
        clock.advance(d);
        driver.advanceWallClockTime(d);
    }

    private List<TestRecord<String, IndicatorTotal>> published() {
        return totals.readRecordsToList();
    }

    private static Map<String, Double> keysAndValues(List<TestRecord<String, IndicatorTotal>> records) {
        Map<String, Double> latest = new LinkedHashMap<>();
        for (TestRecord<String, IndicatorTotal> r : records) latest.put(r.key(), r.value().getValue());
        return latest;
    }

    /** An in-memory store that starts with the records of a changelog, as a restored store does. */
    private static final class RestoredFromChangelog implements KeyValueBytesStoreSupplier {
        private final String name;
        private final Map<String, byte[]> records;

        RestoredFromChangelog(String name, Map<String, byte[]> records) {
            this.name = name;
            this.records = records;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public KeyValueStore<Bytes, byte[]> get() {
            return new InMemoryKeyValueStore(name) {
                @Override
                public void init(StateStoreContext context, StateStore root) {
                    super.init(context, root);
                    records.forEach((k, v) -> put(Bytes.wrap(k.getBytes(StandardCharsets.UTF_8)), v));
                }
            };
        }

        @Override
        public String metricsScope() {
            return "in-memory";
        }
    }
}
