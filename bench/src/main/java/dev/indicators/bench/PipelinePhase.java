package dev.indicators.bench;

import dev.indicators.testkit.recount.Recount;
import dev.indicators.contract.config.SettingCatalogue;
import dev.indicators.contract.Settings;
import dev.indicators.contract.Topics;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.streams.app.IndicatorStreamsApp;
import dev.indicators.streams.app.StreamsSettings;
import dev.indicators.streams.metrics.PipelineMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.indicators.streams.query.TotalsUnavailableException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Phase 3: the streams app, with its default configuration (exactly-once v2) and a fresh application id and state
 * directory, reads the published events from offset zero; the phase ends when the app's committed offsets say every
 * event has been aggregated ({@link CatchUp}), not after a sleep. The app keeps running afterwards for the recount
 * and the latency phase.
 */
final class PipelinePhase implements AutoCloseable {

    /** How the bench builds the streams app under test: {@link IndicatorStreamsApp#create} (tests may give another clock). */
    @FunctionalInterface
    interface Apps {
        IndicatorStreamsApp create(StreamsSettings settings, MeterRegistry meters);
    }

    /** What the pipeline run measured. */
    record Outcome(Throughput throughput, TopicWrites.Written written, ResourceUse.Usage usage, double stateCaughtUpSeconds,
                   double totalsCaughtUpSeconds, long totalsRecordsRead) {
    }

    private final StreamsSettings settings;
    private final Apps apps;
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private IndicatorStreamsApp app;

    PipelinePhase(StreamsSettings settings, Apps apps) {
        this.settings = settings;
        this.apps = apps;
        this.app = apps.create(settings, meters);
    }

    /** Keys of a settings map that carry {@code --streams-config} and {@code --serde-config} entries. */
    static final String STREAMS_CONFIG = "bench.streams-config.";
    private static final String SERDE_CONFIG = "bench.serde-config.";

    /**
     * The streams settings of a bench run: the environment's (so INDICATORS_* tuning knobs apply, as they would in
     * production), with this run's cluster, topics, application id, state directory and region table.
     */
    static StreamsSettings settings(BenchCluster cluster, String applicationId, Path stateDir, Path regionsFile,
                                    BenchConfig config) {
        return settings(settingValues(cluster, applicationId, stateDir, regionsFile, config));
    }

    /** What {@link #settings(BenchCluster, String, Path, Path, BenchConfig)} is built from, as one map of strings. */
    static Map<String, String> settingValues(BenchCluster cluster, String applicationId, Path stateDir, Path regionsFile,
                                             BenchConfig config) {
        Map<String, String> values = environment();
        values.put(SettingCatalogue.APPLICATION_ID.name(), applicationId);
        values.put(SettingCatalogue.BOOTSTRAP_SERVERS.name(), cluster.bootstrapServers());
        values.put(SettingCatalogue.REGISTRY_URL.name(), cluster.registryUrl());
        values.put(SettingCatalogue.STATE_DIR.name(), stateDir.toString());
        values.put(SettingCatalogue.REGIONS_FILE.name(), regionsFile.toString());
        Topics t = cluster.topics();
        values.putAll(t.asSettings());
        config.streamThreads().ifPresent(n -> values.put(SettingCatalogue.STREAMS_THREADS.name(), Integer.toString(n)));
        config.streamsConfig().forEach((k, v) -> values.put(STREAMS_CONFIG + k, v));
        config.serdeConfig().forEach((k, v) -> values.put(SERDE_CONFIG + k, v));
        return values;
    }

    /** Streams settings from a map of {@link #settingValues}: INDICATORS_* variables, then the tuning entries set last. */
    static StreamsSettings settings(Map<String, String> values) {
        StreamsSettings settings = StreamsSettings.fromSettings(Settings.of(values));
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(values).entrySet()) {
            if (e.getKey().startsWith(STREAMS_CONFIG)) settings = settings.withKafkaProperty(e.getKey().substring(STREAMS_CONFIG.length()), e.getValue());
            if (e.getKey().startsWith(SERDE_CONFIG)) settings = settings.withRegistryProperty(e.getKey().substring(SERDE_CONFIG.length()), e.getValue());
        }
        return settings;
    }

    static StreamsSettings settings(java.util.Properties properties) {
        Map<String, String> values = new HashMap<>();
        properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k)));
        return settings(values);
    }

    /**
     * Writes the settings of {@code values} for {@link StandaloneStreamsApp}: only the pipeline's own variables and
     * the tuning entries, not the rest of this process's environment.
     */
    static Path settingsFile(Map<String, String> values, Path file) {
        java.util.Properties properties = new java.util.Properties();
        values.forEach((k, v) -> {
            if (k.startsWith("INDICATORS_") || k.startsWith(STREAMS_CONFIG) || k.startsWith(SERDE_CONFIG)) properties.setProperty(k, v);
        });
        try (java.io.Writer out = java.nio.file.Files.newBufferedWriter(file)) {
            properties.store(out, "streams settings of a bench run, for the standalone streams app");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    /** Environment variables, overridden by {@code -Dindicators.*} system properties, as {@link Settings#system()} reads them. */
    static Map<String, String> environment() {
        Map<String, String> merged = new HashMap<>(System.getenv());
        System.getProperties().forEach((k, v) -> {
            String key = k.toString();
            if (key.startsWith("indicators.")) merged.put(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), v.toString());
        });
        return merged;
    }

    StreamsSettings settings() {
        return settings;
    }

    IndicatorStreamsApp app() {
        return app;
    }

    MeterRegistry meters() {
        return meters;
    }

    /**
     * Starts the app and waits until it has aggregated everything up to {@code inputEnds} (its committed offsets say
     * so: the state caught up), then until {@code tail} has read the totals topic up to its end at that moment (the
     * totals topic caught up).
     */
    Outcome run(Admin admin, CatchUp catchUp, Map<TopicPartition, Long> inputEnds, long events, TotalsTopicTail tail,
                OptionalLong brokerPid, Progress progress, Duration timeout) {
        TopicWrites writes = new TopicWrites(admin, catchUp, settings.applicationId(), settings.topics().totals());
        TopicWrites.Snapshot before = writes.snapshot();
        ResourceUse.Snapshot used = ResourceUse.now(brokerPid);
        long tailCpu = tail.cpuNanos();
        long started = System.nanoTime();
        app.start();
        awaitCaughtUp(catchUp, inputEnds, events, progress, timeout, "pipeline");
        double seconds = (System.nanoTime() - started) / 1e9;
        // the bench's tail of the totals topic runs in this JVM too: its CPU is not the app's
        ResourceUse.Usage usage = used.until(ResourceUse.now(brokerPid), events).withoutAppCpu(tail.cpuNanos() - tailCpu, events);
        Map<TopicPartition, Long> totalsEnds = catchUp.endOffsets(java.util.List.of(settings.topics().totals()));
        tail.awaitReached(totalsEnds, timeout);
        double totalsSeconds = (System.nanoTime() - started) / 1e9;
        TopicWrites.Written written = writes.between(before, writes.snapshot(), app.kafkaStreams().metrics());
        progress.line("pipeline: %,d events aggregated in %.1f s, %,.0f events/s (%s, %d stream thread%s; processed %,d, duplicates %,d, dead letters %,d); "
                        + "totals topic caught up after %.1f s",
                events, seconds, events / seconds, settings.processingGuarantee(), settings.threads(), settings.threads() == 1 ? "" : "s",
                sum(PipelineMetrics.PROCESSED), sum(PipelineMetrics.DUPLICATES), sum(PipelineMetrics.DEAD_LETTERED), totalsSeconds);
        progress.line("pipeline: wrote per input event %s records (%.1f in all; %.1f offsets with the transaction markers) and %.0f bytes on disk; "
                        + "CPU %s µs/event in this JVM, %s in the broker; GC %d ms in %d collections",
                written.records().entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue() / (double) events))
                        .collect(java.util.stream.Collectors.joining(", ")),
                written.totalRecords() / (double) events, written.totalOffsets() / (double) events, written.totalBytes() / (double) events,
                usage.appCpuUsPerEvent(), usage.brokerCpuUsPerEvent(), usage.gcPauseMs(), usage.gcCount());
        return new Outcome(Throughput.of(events, seconds, null), written, usage, Throughput.round(seconds, 3),
                Throughput.round(totalsSeconds, 3), tail.records());
    }

    /**
     * One restart: seconds until RUNNING and answering a query; of which the changelog replay, from the first store's
     * restore start to the last one's end (0 when nothing was restored), and the records replayed.
     */
    record Restart(double seconds, double replaySeconds, long recordsRestored) {
    }

    /**
     * Closes the app and starts it again on the same state directory, or, with {@code wipe}, on an emptied one (so it
     * restores every store from its changelog). The old member leaves the consumer group on close: what is timed is
     * the restart and the restore, not {@code session.timeout.ms} (45 s by default), which a new member otherwise
     * waits out before the rebalance completes, because Kafka Streams does not leave the group on a plain close (nor
     * can a killed process).
     */
    Restart restart(boolean wipe, Duration timeout) {
        app.kafkaStreams().close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
        app.close();
        if (wipe) Bench.deleteRecursively(settings.stateDir());
        app = apps.create(settings, meters);
        return startQueryable(timeout);
    }

    /**
     * Starts the (not yet started) app on whatever its state directory holds and waits until it is RUNNING and
     * answers a query: the restart figure of {@link #restart}, and the start after the crash phase's kills.
     */
    Restart startQueryable(Duration timeout) {
        long started = System.nanoTime();
        java.util.concurrent.atomic.AtomicLong firstStart = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
        java.util.concurrent.atomic.AtomicLong lastEnd = new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE);
        java.util.concurrent.atomic.AtomicLong restored = new java.util.concurrent.atomic.AtomicLong();
        app.kafkaStreams().setGlobalStateRestoreListener(new org.apache.kafka.streams.processor.StateRestoreListener() {
            @Override
            public void onRestoreStart(TopicPartition tp, String store, long startingOffset, long endingOffset) {
                firstStart.accumulateAndGet(System.nanoTime(), Math::min);
            }

            @Override
            public void onBatchRestored(TopicPartition tp, String store, long batchEndOffset, long numRestored) {
                restored.addAndGet(numRestored);
            }

            @Override
            public void onRestoreEnd(TopicPartition tp, String store, long totalRestored) {
                lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
            }
        });
        app.start();
        long deadline = started + timeout.toNanos();
        while (true) {
            KafkaStreams.State state = app.state();
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING || state == KafkaStreams.State.PENDING_ERROR) {
                throw new BenchFailure("the streams app stopped (" + state + ") while restoring; see its log above");
            }
            if (state == KafkaStreams.State.RUNNING) {
                try {
                    app.query().total(Recount.NATION, Recount.indicators().get(0), "all");
                    double seconds = (System.nanoTime() - started) / 1e9;
                    double replay = firstStart.get() == Long.MAX_VALUE || lastEnd.get() < firstStart.get() ? 0 : (lastEnd.get() - firstStart.get()) / 1e9;
                    return new Restart(Throughput.round(seconds, 3), Throughput.round(replay, 3), restored.get());
                } catch (TotalsUnavailableException notYet) {
                    // a store still restoring or migrating: ask again
                }
            }
            if (System.nanoTime() > deadline) throw new BenchFailure("the restarted streams app was not queryable within " + timeout.toMinutes() + " minutes");
            sleep(20);
        }
    }

    /**
     * Polls the committed offsets (every 200 ms) until the app has caught up with {@code inputEnds}. Progress lines count the
     * events the first stage (validation, de-duplication, case state) has taken, and the contributions still waiting
     * for the second (totals).
     */
    void awaitCaughtUp(CatchUp catchUp, Map<TopicPartition, Long> inputEnds, long events, Progress progress, Duration timeout, String phase) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Progress.Ticker ticker = progress.ticker(phase, events);
        long base = sum(PipelineMetrics.PROCESSED) + sum(PipelineMetrics.DUPLICATES) + sum(PipelineMetrics.DEAD_LETTERED);
        while (!catchUp.reached(inputEnds)) {
            KafkaStreams.State state = app.state();
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING || state == KafkaStreams.State.PENDING_ERROR) {
                throw new BenchFailure("the streams app stopped (" + state + ") before aggregating every event; see its log above");
            }
            if (System.nanoTime() > deadline) {
                throw new BenchFailure("the streams app did not catch up within " + timeout.toMinutes() + " minutes");
            }
            long seen = sum(PipelineMetrics.PROCESSED) + sum(PipelineMetrics.DUPLICATES) + sum(PipelineMetrics.DEAD_LETTERED) - base;
            ticker.update(seen, () -> String.format(Locale.ROOT, "%,d contributions waiting for the totals stage, state %s",
                    catchUp.repartitionLag(), state));
            sleep(200);
        }
    }

    long sum(String counterName) {
        return Math.round(meters.find(counterName).counters().stream().mapToDouble(Counter::count).sum());
    }

    @Override
    public void close() {
        app.close();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted", e);
        }
    }
}
