package dev.indicators.app;

import dev.indicators.app.support.CaughtUp;
import dev.indicators.contract.EventType;
import dev.indicators.contract.Settings;
import dev.indicators.contract.Topics;
import dev.indicators.contract.avro.CourtLevel;
import dev.indicators.contract.avro.IndicatorTotal;
import dev.indicators.contract.avro.LitigationEvent;
import dev.indicators.contract.avro.LitigationStage;
import dev.indicators.contract.region.Region;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.contract.validation.EventJson;
import dev.indicators.platform.IndicatorStack;
import dev.indicators.platform.junit.SharedIndicatorStack;
import dev.indicators.platform.provision.SchemaProvisioner;
import dev.indicators.platform.provision.TopicLayout;
import dev.indicators.platform.provision.TopicProvisioner;
import dev.indicators.producer.publish.ProducerConfigs;
import dev.indicators.producer.publish.PublisherSettings;
import dev.indicators.streams.app.IndicatorStreamsApp;
import dev.indicators.streams.app.StreamsSettings;
import dev.indicators.streams.codec.RegistryEventCodec;
import dev.indicators.streams.query.TotalValue;
import dev.indicators.streams.query.TotalsQuery;
import dev.indicators.testkit.events.Events;
import dev.indicators.testkit.events.RandomHistories;
import dev.indicators.testkit.recount.PromisedIndicators;
import dev.indicators.testkit.recount.Recount;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The property of {@code RandomHistoriesPropertyTest} (streams) on the real broker and registry: random histories of
 * all four event types (lifecycles, amendments, region moves, appeals, re-sends weeks after their first copy, re-used
 * eventIds with other content, shuffled) are published keyed by case to input topics of three partitions and counted
 * by the streams app with two stream threads (so the cases, their contributions and the totals of the provinces are
 * spread over tasks and threads); halfway the app's clock crosses a Shanghai midnight. Then every total of every
 * region the events reach (and of one they do not), of every indicator of this test's own list and every period
 * around the events' days, read through the app's query API and as the latest value of its key on the compacted
 * totals topic (read_committed), equals the batch recount of testkit; and the dead-letter topic holds exactly the
 * re-used eventIds. Each seed runs on topics and an application id of its own.
 */
@ExtendWith(SharedIndicatorStack.class)
@DisplayName("Property on the real broker: over three partitions and two stream threads, every total equals the batch recount")
class PartitionedHistoriesPropertyTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /**
     * The app's "now" at the start, 12:00 in Shanghai: fixed, so that a seed gives the same histories on any day (the
     * same as {@code RandomHistoriesPropertyTest}'s, which the same seed replays in the driver), and in the past, as the
     * app stamps slid windows with its clock and the broker refuses timestamps more than an hour ahead.
     */
    private static final Instant NOW = Events.at("2025-06-15T12:00");
    private static final Duration TO_AFTER_MIDNIGHT = Duration.ofHours(14);
    private static final int PARTITIONS = 3;
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    static final List<String> PUBLISHED_TRAILING = List.of("trailing:7d", "trailing:30d", "trailing:365d");
    /** A county no event names (Beijing's Dongcheng): its totals and its city's stay 0 however the others move. */
    static final String UNTOUCHED = "110101";

    /**
     * Seeds drawn for this run (two by default, printed in the test name and in every failure);
     * {@code -Dindicators.property.runs=N} draws more, {@code -Dindicators.property.seed=N} replays one.
     */
    static LongStream seeds() {
        Long replay = Long.getLong("indicators.property.seed");
        if (replay != null) return LongStream.of(replay);
        return new Random().longs(Integer.getInteger("indicators.property.runs", 2));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyTotalOfEveryPartitionEqualsTheRecount(long seed, IndicatorStack stack) throws Exception {
        String run = "seed " + seed + " (replay with -Dindicators.property.seed=" + seed + "): ";
        String id = "property-" + Long.toUnsignedString(seed, 36) + "-" + Long.toUnsignedString(System.nanoTime(), 36);
        Phases phases = new Phases(run);
        Topics topics = Topics.prefixed(id);
        new TopicProvisioner(stack.bootstrapServers()).provision(TopicLayout.of(topics, PARTITIONS));
        new SchemaProvisioner(stack.confluentApiUrl()).provision(topics);

        // the histories end after the midnight the app's clock crosses: what is dated after its "now" waits for the turn
        List<SpecificRecord> generated = new RandomHistories(seed, NOW.plus(TO_AFTER_MIDNIGHT), Duration.ofDays(500)).generate(55, 55, 35, 45);
        List<SpecificRecord> before = new ArrayList<>();
        List<SpecificRecord> after = new ArrayList<>();
        for (int i = 0; i < generated.size(); i++) {
            SpecificRecord e = generated.get(i);
            (i < generated.size() / 2 && !Events.occurredAt(e).isAfter(NOW.minusSeconds(60)) ? before : after).add(e);
        }
        // and after midnight every county answers a suit, so that every totals task (a province's, the nation's)
        // counts something after the turn and slides its trailing windows in a cycle the catch-up waits for
        for (String county : new LinkedHashSet<>(RandomHistories.REGIONS)) {
            after.add(new LitigationEvent("after-midnight-" + county, county, "dept", NOW.plus(Duration.ofHours(13)),
                    "L-after-midnight-" + county, LitigationStage.RESPONDED, CourtLevel.BASIC, null, null));
        }
        List<SpecificRecord> arrivals = new ArrayList<>(before);
        arrivals.addAll(after);
        assertThat(arrivals.stream().map(EventJson::typeOf).distinct()).as(run + "every event type").containsExactlyInAnyOrder(EventType.values());

        PaceClock clock = new PaceClock(NOW);
        StreamsSettings settings = StreamsSettings.fromSettings(Settings.of(Map.of("INDICATORS_STREAMS_THREADS", "2")))
                .withApplicationId(id).withBootstrapServers(stack.bootstrapServers()).withRegistryUrl(stack.registryUrl())
                .withTopics(topics).withStateDir(Files.createTempDirectory(id))
                // the wall-clock refresh (day turn, stocks) every second rather than every minute
                .withRefreshInterval(Duration.ofSeconds(1));
        RegionTable table;
        LocalDate today;
        Map<String, Recount.Expected> expectations = new HashMap<>();
        Recount recount;
        List<String> periods;
        try (Producer<String, SpecificRecord> producer = ProducerConfigs.createProducer(PublisherSettings.defaults()
                .withBootstrapServers(stack.bootstrapServers()).withRegistryUrl(stack.registryUrl()).withTopics(topics));
             IndicatorStreamsApp app = new IndicatorStreamsApp(settings, settings.regionTable(),
                     new RegistryEventCodec(settings.registryUrl(), settings.registryAutoRegister(), settings.registryOverrides()),
                     new SimpleMeterRegistry(), clock).start()) {
            assertThat(app.awaitRunning(PATIENCE)).as("the streams app reached RUNNING").isTrue();
            phases.done("topics provisioned, app RUNNING");
            table = app.regions();

            // the first half arrives over 90 days before "now" (record timestamps): re-sends weeks after their first copy
            Instant firstArrival = NOW.minus(Duration.ofDays(90));
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (int i = 0; i < before.size(); i++) {
                sends.add(send(producer, topics, before.get(i), firstArrival.plus(Duration.ofMinutes(i * (90L * 24 * 60) / before.size()))));
            }
            awaitSent(producer, sends);
            CaughtUp.await(stack.bootstrapServers(), id, topics.inputs(), PATIENCE);

            phases.done(before.size() + " events sent before midnight and counted");

            // across Shanghai midnight: from 12:00 on the 15th to 02:00 on the 16th; the rest arrives after it
            clock.advance(TO_AFTER_MIDNIGHT);
            for (SpecificRecord e : after) sends.add(send(producer, topics, e, clock.instant()));
            awaitSent(producer, sends);
            CaughtUp.await(stack.bootstrapServers(), id, topics.inputs(), PATIENCE);
            phases.done(after.size() + " events sent after midnight and counted");

            // keyed by case, the cases of every type landed on every partition of its topic
            for (String topic : topics.inputs()) {
                assertThat(sends.stream().map(f -> result(f)).filter(m -> m.topic().equals(topic)).map(RecordMetadata::partition).distinct())
                        .as(run + "partitions of " + topic + " that got events").hasSize(PARTITIONS);
            }

            today = LocalDate.ofInstant(clock.instant(), SHANGHAI);
            assertThat(today).as("the app's day turned").isEqualTo(LocalDate.ofInstant(NOW, SHANGHAI).plusDays(1));
            recount = Recount.of(table, arrivals);
            periods = periodsToCheck(arrivals, today);
            TotalsQuery query = app.query();
            int compared = 0;
            for (String code : regionsToCheck(table)) {
                for (String period : periods) {
                    // every indicator of the region for the period in one question (as GET /api/v1/regions/{code}/totals)
                    Map<String, TotalValue> answered = new HashMap<>();
                    for (TotalValue v : query.totals(code, period)) answered.put(v.indicator(), v);
                    assertThat(answered.keySet()).as(run + "the indicators answered").containsExactlyInAnyOrderElementsOf(PromisedIndicators.ALL);
                    for (String indicator : PromisedIndicators.ALL) {
                        Recount.Expected expected = recount.expected(code, indicator, period, today);
                        expectations.put(code + "|" + indicator + "|" + period, expected);
                        TotalValue actual = answered.get(indicator);
                        String what = run + "query " + code + "|" + indicator + "|" + period;
                        if (Double.isNaN(expected.value())) assertThat(actual.value()).as(what).isNull();
                        else assertThat(actual.value()).as(what).isEqualTo(expected.value());
                        if (expected.isRate()) {
                            assertThat(actual.numerator()).as(what + " numerator").isEqualTo(expected.numerator());
                            assertThat(actual.denominator()).as(what + " denominator").isEqualTo(expected.denominator());
                        }
                        compared++;
                    }
                }
            }
            assertThat(compared).isGreaterThan(100_000);
            phases.done(compared + " totals of " + regionsToCheck(table).size() + " regions compared through the query API");
            // a clean stop follows (closing the app): it publishes whatever the last cycles left unpublished
        }

        // the compacted totals topic: the latest value of every key is the recount, and no non-zero count is missing
        Map<String, IndicatorTotal> topic = new HashMap<>();
        phases.done("the app stopped cleanly");
        List<ConsumerRecord<byte[], byte[]>> deadLetters = new ArrayList<>();
        try (RegistryEventCodec codec = new RegistryEventCodec(stack.registryUrl())) {
            for (ConsumerRecord<byte[], byte[]> r : readCommitted(stack, topics.totals())) {
                String key = new String(r.key(), StandardCharsets.UTF_8);
                if (r.value() == null) topic.remove(key);
                else topic.put(key, codec.totalSerde().deserializer().deserialize(topics.totals(), r.value()));
            }
            for (Map.Entry<String, IndicatorTotal> e : topic.entrySet()) {
                IndicatorTotal t = e.getValue();
                String key = e.getKey();
                assertThat(key).isEqualTo(t.getRegionCode() + "|" + t.getIndicator() + "|" + t.getPeriod());
                assertThat(t.getPeriod()).as(run + "a day total on the topic").doesNotStartWith("day:");
                Recount.Expected expected = expectations.computeIfAbsent(key, k -> recount.expected(t.getRegionCode(), t.getIndicator(), t.getPeriod(), today));
                String what = run + "topic " + key;
                if (Double.isNaN(expected.value())) assertThat(t.getValue()).as(what).isNaN();
                else assertThat(t.getValue()).as(what).isEqualTo(expected.value());
                if (expected.isRate()) assertThat(t.getDenominator()).as(what + " denominator").isEqualTo(expected.denominator());
            }
            for (String code : regionsToCheck(table)) {
                for (String indicator : PromisedIndicators.ALL) {
                    if (PromisedIndicators.RATES_AND_STOCKS.contains(indicator)) continue;
                    for (String period : periods) {
                        if (period.startsWith("day:") || period.startsWith("trailing:") && !PUBLISHED_TRAILING.contains(period)) continue;
                        String key = code + "|" + indicator + "|" + period;
                        if (expectations.get(key).value() != 0) assertThat(topic).as(run + "published " + key).containsKey(key);
                    }
                }
            }

            // the dead letters are exactly the re-used ids: an eventId that arrived before (in its case's partition,
            // in the order sent) with other content
            Map<String, SpecificRecord> firstById = new HashMap<>();
            List<String> conflicts = new ArrayList<>();
            for (SpecificRecord e : arrivals) {
                SpecificRecord first = firstById.putIfAbsent(eventId(e), e);
                if (first != null && !first.equals(e)) conflicts.add(e.toString());
            }
            assertThat(conflicts).as(run + "the generator re-used some ids").isNotEmpty();
            List<String> dead = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : readCommitted(stack, topics.deadLetter())) {
                assertThat(header(r, "dlq.reason")).as(run + "dead letter reason").isEqualTo("event-id-conflict");
                String source = header(r, "dlq.source.topic");
                EventType type = java.util.Arrays.stream(EventType.values()).filter(t -> topics.inputFor(t).equals(source)).findFirst().orElseThrow();
                dead.add(codec.decode(type, source, r.headers(), r.value()).toString());
            }
            assertThat(dead).as(run + "dead letters").containsExactlyInAnyOrderElementsOf(conflicts);
            phases.done(topic.size() + " keys of the totals topic and " + dead.size() + " dead letters compared");
        }
    }

    private static Future<RecordMetadata> send(Producer<String, SpecificRecord> producer, Topics topics, SpecificRecord e, Instant arrival) {
        return producer.send(new ProducerRecord<>(topics.inputFor(EventJson.typeOf(e)), null, arrival.toEpochMilli(), EventJson.caseKey(e), e));
    }

    private static void awaitSent(Producer<String, SpecificRecord> producer, List<Future<RecordMetadata>> sends) {
        producer.flush();
        sends.forEach(PartitionedHistoriesPropertyTest::result);
    }

    private static RecordMetadata result(Future<RecordMetadata> send) {
        try {
            return send.get(1, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new AssertionError("an event was not acknowledged: " + e, e);
        }
    }

    private static String eventId(SpecificRecord e) {
        return e.get(e.getSchema().getField("eventId").pos()).toString();
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Every record of a topic from its beginning to its end now, as a read_committed consumer sees them. */
    private static List<ConsumerRecord<byte[], byte[]>> readCommitted(IndicatorStack stack, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) partitions.add(new TopicPartition(topic, info.partition()));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            // a read_committed consumer moves past the transaction markers too, so it reaches each end offset itself
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) throw new AssertionError("could not read " + topic + " to its end " + ends);
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    /** The regions the histories reach, with every ancestor up to the nation, and one county they do not reach. */
    private static Set<String> regionsToCheck(RegionTable table) {
        Set<String> codes = new TreeSet<>();
        List<String> counties = new ArrayList<>(RandomHistories.REGIONS);
        counties.add(UNTOUCHED);
        for (String county : counties) {
            for (Region r = table.find(county).orElseThrow(); r != null; r = table.parentOf(r).orElse(null)) codes.add(r.code().value());
        }
        return codes;
    }

    /** Every day an event falls on (and its neighbours), their months, quarters and years, trailing windows, all. */
    private static List<String> periodsToCheck(List<SpecificRecord> events, LocalDate today) {
        TreeSet<LocalDate> days = new TreeSet<>();
        for (SpecificRecord e : events) {
            LocalDate d = LocalDate.ofInstant(Events.occurredAt(e), SHANGHAI);
            days.add(d);
            days.add(d.minusDays(1));
            days.add(d.plusDays(1));
        }
        TreeSet<String> periods = new TreeSet<>();
        for (LocalDate d : days) {
            periods.add("day:" + d);
            periods.add("month:" + YearMonth.from(d));
            periods.add("quarter:" + d.getYear() + "Q" + ((d.getMonthValue() - 1) / 3 + 1));
            periods.add("year:" + d.getYear());
        }
        List<String> out = new ArrayList<>(periods);
        out.addAll(List.of("all", "trailing:7d", "trailing:30d", "trailing:365d", "trailing:90d", "trailing:1d"));
        return out;
    }

    /** Prints how long each phase of a run took (where the time goes; nothing is asserted about it). */
    private static final class Phases {
        private final String run;
        private long since = System.nanoTime();

        Phases(String run) {
            this.run = run;
        }

        void done(String what) {
            long now = System.nanoTime();
            System.out.printf("property %s%s in %.1f s%n", run, what, (now - since) / 1e9);
            since = now;
        }
    }

    /**
     * The app's clock: from a given instant at the real pace (the publication cycle and the refresh need time to
     * pass), moved forward by hand to cross a midnight.
     */
    private static final class PaceClock extends Clock {
        private final Instant start;
        private final long startNanos;
        private final java.util.concurrent.atomic.AtomicReference<Duration> moved;
        private final ZoneId zone;

        PaceClock(Instant start) {
            this(start, System.nanoTime(), new java.util.concurrent.atomic.AtomicReference<>(Duration.ZERO), ZoneOffset.UTC);
        }

        private PaceClock(Instant start, long startNanos, java.util.concurrent.atomic.AtomicReference<Duration> moved, ZoneId zone) {
            this.start = start;
            this.startNanos = startNanos;
            this.moved = moved;
            this.zone = zone;
        }

        void advance(Duration d) {
            moved.updateAndGet(m -> m.plus(d));
        }

        @Override
        public Instant instant() {
            return start.plus(moved.get()).plusNanos(System.nanoTime() - startNanos);
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return new PaceClock(start, startNanos, moved, zone);
        }
    }
}
