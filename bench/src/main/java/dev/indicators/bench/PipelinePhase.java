package dev.indicators.bench;

import dev.indicators.contract.Settings;
import dev.indicators.contract.Topics;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.streams.app.IndicatorStreamsApp;
import dev.indicators.streams.app.StreamsSettings;
import dev.indicators.streams.metrics.PipelineMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Phase 3: the streams app, with its default configuration (exactly-once v2) and a fresh application id and state
 * directory, reads the published events from offset zero; the phase ends when the app's committed offsets say every
 * event has been aggregated ({@link CatchUp}), not after a sleep. The app keeps running afterwards for the recount
 * and the latency phase.
 */
final class PipelinePhase implements AutoCloseable {

    private final StreamsSettings settings;
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final IndicatorStreamsApp app;
    private BenchResult.Amplification amplification;

    PipelinePhase(StreamsSettings settings) {
        this.settings = settings;
        this.app = IndicatorStreamsApp.create(settings, meters);
    }

    /**
     * The streams settings of a bench run: the environment's (so INDICATORS_* tuning knobs apply, as they would in
     * production), with this run's cluster, topics, application id, state directory and region table.
     */
    static StreamsSettings settings(BenchCluster cluster, String applicationId, Path stateDir, Path regionsFile,
                                    BenchConfig config) {
        Map<String, String> values = environment();
        values.put("INDICATORS_APPLICATION_ID", applicationId);
        values.put("INDICATORS_BOOTSTRAP_SERVERS", cluster.bootstrapServers());
        values.put("INDICATORS_REGISTRY_URL", cluster.registryUrl());
        values.put("INDICATORS_STATE_DIR", stateDir.toString());
        values.put(RegionTable.ENV_REGIONS_FILE, regionsFile.toString());
        Topics t = cluster.topics();
        values.put("INDICATORS_TOPIC_RECONSIDERATION", t.reconsideration());
        values.put("INDICATORS_TOPIC_MEDIATION", t.mediation());
        values.put("INDICATORS_TOPIC_CERTIFICATE", t.certificate());
        values.put("INDICATORS_TOPIC_DEADLETTER", t.deadLetter());
        values.put("INDICATORS_TOPIC_TOTALS", t.totals());
        config.streamThreads().ifPresent(n -> values.put("INDICATORS_STREAMS_THREADS", Integer.toString(n)));
        StreamsSettings settings = StreamsSettings.fromSettings(Settings.of(values));
        for (Map.Entry<String, String> e : config.streamsConfig().entrySet()) settings = settings.withKafkaProperty(e.getKey(), e.getValue());
        for (Map.Entry<String, String> e : config.serdeConfig().entrySet()) settings = settings.withRegistryProperty(e.getKey(), e.getValue());
        return settings;
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

    BenchResult.Amplification amplification() {
        return amplification;
    }

    MeterRegistry meters() {
        return meters;
    }

    /** Starts the app and waits until it has aggregated everything up to {@code inputEnds}. */
    Throughput run(CatchUp catchUp, Map<TopicPartition, Long> inputEnds, long events, Progress progress, Duration timeout) {
        long started = System.nanoTime();
        app.start();
        awaitCaughtUp(catchUp, inputEnds, events, progress, timeout, "pipeline");
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Long> written = catchUp.written(settings.topics().totals());
        amplification = new BenchResult.Amplification(Throughput.round(written.get("totals") / (double) events, 2),
                Throughput.round(written.get("repartition") / (double) events, 2), Throughput.round(written.get("changelog") / (double) events, 2));
        progress.line("pipeline: wrote per input event %.1f total updates, %.1f repartitioned contributions, %.1f changelog records",
                amplification.totalsPerEvent(), amplification.repartitionPerEvent(), amplification.changelogPerEvent());
        progress.line("pipeline: %,d events aggregated in %.1f s, %,.0f events/s (%s, %d stream thread%s; processed %,d, duplicates %,d, dead letters %,d)",
                events, seconds, events / seconds, settings.processingGuarantee(), settings.threads(), settings.threads() == 1 ? "" : "s",
                sum(PipelineMetrics.PROCESSED), sum(PipelineMetrics.DUPLICATES), sum(PipelineMetrics.DEAD_LETTERED));
        return Throughput.of(events, seconds, null);
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
