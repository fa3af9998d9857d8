package dev.indicators.streams.support;

import dev.indicators.testkit.events.Events;
import dev.indicators.contract.EventType;
import dev.indicators.contract.Topics;
import dev.indicators.contract.avro.IndicatorTotal;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.contract.validation.EventJson;
import dev.indicators.contract.validation.EventLimits;
import dev.indicators.streams.app.IndicatorTopology;
import dev.indicators.streams.app.StoreKind;
import dev.indicators.streams.codec.PlainAvroCodec;
import dev.indicators.streams.metrics.PipelineMetrics;
import dev.indicators.streams.query.TotalValue;
import dev.indicators.streams.query.TotalsQuery;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The whole topology in a {@link TopologyTestDriver}, with the registry-less Avro codec, a hand-moved clock (kept in
 * step with the driver's wall clock) and a private meter registry.
 */
public final class TestPipeline implements AutoCloseable {

    /** "Now" in the specifications unless they move it: 2025-06-15 12:00 in Shanghai. */
    public static final Instant NOW = Events.at("2025-06-15T12:00");

    public final MutableClock clock;
    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    /**
     * The 13 regions of the published reports, not the bundled table of all 3,350: the specs' region tree stays
     * readable, and the property test compares every region of the table (nearly 14,000 totals per region).
     */
    public final RegionTable regions = reportRegions();
    public final Topics topics = Topics.defaults();
    public final PlainAvroCodec codec = new PlainAvroCodec();
    private final Duration dedupeHorizon;
    private final StoreKind storeKind;
    private final Duration publicationCycle;
    private final Duration publicationCycleMax;
    private final Properties props = new Properties();
    private TopologyTestDriver driver;
    private IndicatorTopology topology;
    private final Map<EventType, TestInputTopic<byte[], byte[]>> inputs = new EnumMap<>(EventType.class);
    private TestOutputTopic<byte[], byte[]> deadLetters;
    private TestOutputTopic<String, IndicatorTotal> totals;
    private final Path stateDir;
    private final List<TestRecord<String, IndicatorTotal>> publishedSoFar = new ArrayList<>();
    private final List<TestRecord<byte[], byte[]>> deadLettersSoFar = new ArrayList<>();

    public TestPipeline() {
        this(NOW, Duration.ofDays(30), StoreKind.IN_MEMORY);
    }

    public TestPipeline(Instant now, Duration dedupeHorizon, StoreKind storeKind) {
        this(now, dedupeHorizon, storeKind, null);
    }

    /** With {@code cacheMaxBytes} for the record caches (null: Kafka Streams' default); a small one flushes mid-record. */
    public TestPipeline(Instant now, Duration dedupeHorizon, StoreKind storeKind, Long cacheMaxBytes) {
        this(now, dedupeHorizon, storeKind, cacheMaxBytes, Duration.ZERO);
    }

    /**
     * With a publication cycle: 0 publishes at every commit (which the driver does after every record); a longer one
     * publishes only when the pipeline's clock has moved that far, when the day turns, or after {@link #stopping()}.
     */
    public TestPipeline(Instant now, Duration dedupeHorizon, StoreKind storeKind, Long cacheMaxBytes, Duration publicationCycle) {
        this(now, dedupeHorizon, storeKind, cacheMaxBytes, publicationCycle, publicationCycle);
    }

    /** With a publication cycle that stretches up to {@code publicationCycleMax} while the totals stage is behind. */
    public TestPipeline(Instant now, Duration dedupeHorizon, StoreKind storeKind, Long cacheMaxBytes, Duration publicationCycle,
                        Duration publicationCycleMax) {
        this.clock = new MutableClock(now);
        this.publicationCycle = publicationCycle;
        this.publicationCycleMax = publicationCycleMax;
        try {
            this.stateDir = Files.createTempDirectory("streams-spec");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        this.dedupeHorizon = dedupeHorizon;
        this.storeKind = storeKind;
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "indicator-pipeline-spec");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        if (cacheMaxBytes != null) props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, cacheMaxBytes);
        start(now);
    }

    /** A new topology and driver over the state directory (the stores left by a previous driver, if any). */
    private void start(Instant now) {
        this.topology = new IndicatorTopology(topics, regions, codec, EventLimits.defaults(), clock, dedupeHorizon,
                Duration.ofSeconds(60), storeKind, new PipelineMetrics(meters), publicationCycle, publicationCycleMax);
        this.driver = new TopologyTestDriver(topology.build(), props, now);
        for (EventType t : EventType.values()) {
            inputs.put(t, driver.createInputTopic(topics.inputFor(t), new ByteArraySerializer(), new ByteArraySerializer()));
        }
        this.deadLetters = driver.createOutputTopic(topics.deadLetter(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.totals = driver.createOutputTopic(topics.totals(), new StringDeserializer(), codec.totalSerde().deserializer());
    }

    /** As a clean stop does: every commit from now on publishes whatever is unpublished. */
    public TestPipeline stopping() {
        topology.directory().stopping();
        return this;
    }

    /** Whether a totals task holds committed changes it has not published yet (what a clean stop waits for). */
    public boolean anyUnpublished() {
        return topology.directory().anyUnpublished();
    }

    /** Sends events in the given order, each keyed by its case, with the record timestamp "now". */
    public TestPipeline send(SpecificRecord... events) {
        for (SpecificRecord e : events) send(e, clock.instant());
        return this;
    }

    public TestPipeline send(List<? extends SpecificRecord> events) {
        events.forEach(e -> send(e, clock.instant()));
        return this;
    }

    public TestPipeline send(SpecificRecord event, Instant recordTimestamp) {
        EventType type = EventJson.typeOf(event);
        inputs.get(type).pipeInput(new TestRecord<>(EventJson.caseKey(event).getBytes(StandardCharsets.UTF_8), codec.encode(event), recordTimestamp));
        return this;
    }

    /** Sends raw bytes to the input topic of {@code type}. */
    public TestPipeline sendRaw(EventType type, String key, byte[] value) {
        inputs.get(type).pipeInput(new TestRecord<>(key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, clock.instant()));
        return this;
    }

    /** Moves both the pipeline's clock and the driver's wall clock (firing wall-clock punctuators). */
    public TestPipeline advance(Duration d) {
        clock.advance(d);
        driver.advanceWallClockTime(d);
        return this;
    }

    public TotalsQuery query() {
        return new TotalsQuery(regions, topology.regionIndex(), topology.directory()::view, clock);
    }

    /** The value of a count or stock, as a long. */
    public long count(String region, String indicator, String period) {
        TotalValue v = query().total(region, indicator, period);
        return Math.round(v.value());
    }

    public TotalValue total(String region, String indicator, String period) {
        return query().total(region, indicator, period);
    }

    /** Every total published so far, in order. */
    public List<TestRecord<String, IndicatorTotal>> published() {
        publishedSoFar.addAll(totals.readRecordsToList());
        return publishedSoFar;
    }

    /** The latest published value of every key, as a compacted topic keeps it. */
    public Map<String, IndicatorTotal> compactedTotals() {
        Map<String, IndicatorTotal> latest = new LinkedHashMap<>();
        for (TestRecord<String, IndicatorTotal> r : published()) latest.put(r.key(), r.value());
        return latest;
    }

    public List<TestRecord<byte[], byte[]>> deadLetters() {
        deadLettersSoFar.addAll(deadLetters.readRecordsToList());
        return deadLettersSoFar;
    }

    public double meter(String name, String... tags) {
        Counter c = meters.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    public TopologyTestDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.close();
        try (var files = Files.walk(stateDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException ignored) {
            // best effort
        }
    }

    private static RegionTable reportRegions() {
        try (java.io.InputStream in = TestPipeline.class.getResourceAsStream("/regions-of-the-reports.csv")) {
            return RegionTable.read(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8), "regions-of-the-reports.csv");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
