package dev.indicators.streams.app;

import dev.indicators.contract.region.RegionTable;
import dev.indicators.streams.aggregate.TotalsDirectory;
import dev.indicators.streams.codec.EventCodec;
import dev.indicators.streams.codec.RegistryEventCodec;
import dev.indicators.streams.metrics.PipelineMetrics;
import dev.indicators.streams.query.TotalsQuery;
import dev.indicators.streams.query.TotalsUnavailableException;
import dev.indicators.streams.region.RegionIndex;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The running streams application: topology, Kafka Streams client and the query API over its local state.
 * <pre>
 *   try (IndicatorStreamsApp app = IndicatorStreamsApp.create(StreamsSettings.fromEnvironment(), meterRegistry).start()) {
 *       app.awaitRunning(Duration.ofSeconds(60));
 *       app.query().total("310118", "reconsideration.accepted", "year:2017");
 *   }
 * </pre>
 * The input topics must exist before {@link #start()}; internal topics (changelogs, the contributions repartition
 * topic) are created by Kafka Streams. A stream thread that fails is replaced (and counted in
 * {@code indicators.streams.threads.replaced}); more than {@link #MAX_REPLACEMENTS} failures within
 * {@link #REPLACEMENT_WINDOW} shut the client down (state ERROR, not running), since the failure then repeats.
 */
public final class IndicatorStreamsApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IndicatorStreamsApp.class);
    private static final Duration REGISTRY_RETRY_PAUSE = Duration.ofSeconds(5);
    static final int MAX_REPLACEMENTS = 5;
    static final Duration REPLACEMENT_WINDOW = Duration.ofMinutes(10);
    /** How long a clean stop waits for the final publication cycle (a few commit intervals). */
    private static final Duration FINAL_CYCLE_WAIT = Duration.ofSeconds(5);

    private final StreamsSettings settings;
    private final RegionTable regions;
    private final EventCodec codec;
    private final Clock clock;
    private final Topology topology;
    private final KafkaStreams streams;
    private final TotalsQuery query;
    private final io.micrometer.core.instrument.Counter replacedCounter;
    private final java.util.concurrent.atomic.AtomicInteger replaced = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.Deque<Long> recentFailures = new java.util.ArrayDeque<>();
    private final RegionIndex regionIndex;
    private final TotalsDirectory directory;

    public IndicatorStreamsApp(StreamsSettings settings, RegionTable regions, EventCodec codec, MeterRegistry meterRegistry, Clock clock) {
        this.settings = settings;
        this.regions = regions;
        this.codec = codec;
        this.clock = clock;
        IndicatorTopology indicatorTopology = new IndicatorTopology(settings.topics(), regions, codec, settings.limits(), clock,
                settings.dedupeHorizon(), settings.refreshInterval(), settings.storeKind(), new PipelineMetrics(meterRegistry),
                settings.publicationCycle(), settings.publicationCycleMax());
        this.topology = indicatorTopology.build();
        this.regionIndex = indicatorTopology.regionIndex();
        this.directory = indicatorTopology.directory();
        this.streams = new KafkaStreams(topology, settings.streamsProperties());
        this.streams.setUncaughtExceptionHandler(this::onStreamThreadFailure);
        this.replacedCounter = io.micrometer.core.instrument.Counter.builder("indicators.streams.threads.replaced")
                .description("stream threads that died and were replaced").register(meterRegistry);
        this.query = new TotalsQuery(regions, regionIndex, () -> {
            // like an interactive query of a store: only a running client's totals are complete and current
            KafkaStreams.State state = streams.state();
            if (state != KafkaStreams.State.RUNNING) {
                throw new TotalsUnavailableException("totals are not readable now (streams state " + state + ")");
            }
            return indicatorTopology.directory().view();
        }, clock);
    }

    /**
     * A registry outage stops the thread without losing anything (under exactly-once its transaction is aborted):
     * replace the thread after a pause, so processing resumes from the last commit once the registry answers.
     * Any other failure (records are dead-lettered, so this is the JVM or the cluster) also replaces the thread, which
     * resumes from the last commit; a failure that keeps coming back shuts the client down instead (state ERROR), so
     * that readiness fails rather than the app looping.
     */
    private StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse onStreamThreadFailure(Throwable e) {
        if (RegistryEventCodec.isRegistryUnavailable(e)) {
            LOG.warn("schema registry unavailable; retrying in {}: {}", REGISTRY_RETRY_PAUSE, e.toString());
            try {
                Thread.sleep(REGISTRY_RETRY_PAUSE.toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            return replace();
        }
        synchronized (recentFailures) {
            long now = System.nanoTime();
            recentFailures.addLast(now);
            while (!recentFailures.isEmpty() && now - recentFailures.peekFirst() > REPLACEMENT_WINDOW.toNanos()) recentFailures.removeFirst();
            if (recentFailures.size() > MAX_REPLACEMENTS) {
                LOG.error("stream thread failed {} times within {}; shutting the streams client down", recentFailures.size(), REPLACEMENT_WINDOW, e);
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            }
        }
        LOG.error("stream thread failed; replacing it (processing resumes from the last commit)", e);
        return replace();
    }

    private StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse replace() {
        replaced.incrementAndGet();
        replacedCounter.increment();
        return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /** Stream threads that died and were replaced since the start. */
    public int replacedThreads() {
        return replaced.get();
    }

    /** The production wiring: Apicurio registry codec, the configured region table, the system clock. */
    public static IndicatorStreamsApp create(StreamsSettings settings, MeterRegistry meterRegistry) {
        RegistryEventCodec codec = new RegistryEventCodec(settings.registryUrl(), settings.registryAutoRegister(), settings.registryOverrides());
        return new IndicatorStreamsApp(settings, settings.regionTable(), codec, meterRegistry, Clock.systemUTC());
    }

    public IndicatorStreamsApp start() {
        LOG.info("starting streams application {} on {} ({}; state in {})", settings.applicationId(), settings.bootstrapServers(),
                settings.processingGuarantee(), settings.stateDir());
        streams.start();
        return this;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** RUNNING (processing) or REBALANCING (briefly, while partitions move): what a health check calls up. */
    public boolean isRunning() {
        return streams.state().isRunningOrRebalancing();
    }

    /** Waits until the client is RUNNING; false on timeout or if it failed. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            KafkaStreams.State s = streams.state();
            if (s == KafkaStreams.State.RUNNING) return true;
            if (s == KafkaStreams.State.ERROR || s == KafkaStreams.State.NOT_RUNNING || s == KafkaStreams.State.PENDING_SHUTDOWN) return false;
            Thread.sleep(50);
        }
        return false;
    }

    /** The query API over this instance's totals store. */
    public TotalsQuery query() {
        return query;
    }

    /**
     * Which instance holds every total of a region, all indicators and periods: the totals are partitioned by the
     * region's province (the nation by its own code), so a province and every region under it live in one task.
     * With one instance, this one; with several, route the query to {@code activeHost()} (set
     * {@code INDICATORS_HTTP_ADVERTISED_URL}, which becomes {@code application.server}, so others can find it).
     */
    public KeyQueryMetadata ownerOf(String regionCode) {
        return streams.queryMetadataForKey(StoreNames.TOTALS, regionIndex.routingKey(regionCode), Serdes.String().serializer());
    }

    /** The totals tasks whose totals this instance holds and answers now (e.g. {@code 1_0}). */
    public java.util.List<String> localTotalsTasks() {
        return directory.tasks();
    }

    /** The Kafka Streams client, e.g. for {@code KafkaStreamsMetrics} binders. */
    /** How this app reads events and writes totals (the registry's serdes in production). */
    public EventCodec codec() {
        return codec;
    }

    public KafkaStreams kafkaStreams() {
        return streams;
    }

    public Topology topology() {
        return topology;
    }

    public StreamsSettings settings() {
        return settings;
    }

    public RegionTable regions() {
        return regions;
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public void close() {
        // the final cycle: from now on every commit publishes; wait (briefly) until the commits that follow have
        // published what the last cycles left, so that a clean stop leaves nothing committed unpublished
        directory.stopping();
        long deadline = System.nanoTime() + FINAL_CYCLE_WAIT.toNanos();
        while (directory.anyUnpublished() && streams.state().isRunningOrRebalancing() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        streams.close(Duration.ofSeconds(30));
        if (codec instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing the codec failed", e);
            }
        }
    }

    /** Runs the streams app alone, configured from the environment, until the JVM is stopped. */
    public static void main(String[] args) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        IndicatorStreamsApp app = create(StreamsSettings.fromEnvironment(), new SimpleMeterRegistry());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "indicators-streams-shutdown"));
        app.start();
        stopped.await();
    }
}
