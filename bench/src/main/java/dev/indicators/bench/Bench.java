package dev.indicators.bench;

import dev.indicators.contract.Settings;
import dev.indicators.contract.region.Region;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.contract.validation.EventLimits;
import dev.indicators.contract.validation.EventRules;
import dev.indicators.producer.publish.IndicatorPublisher;
import dev.indicators.producer.publish.PublisherSettings;
import dev.indicators.producer.simulate.CaseSimulator;
import dev.indicators.producer.simulate.SyntheticRegions;
import dev.indicators.streams.app.StreamsSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * One bench run, phase by phase: {@link PublishPhase}, {@link RawConsumePhase}, {@link PipelinePhase} (with the
 * {@link TotalsCheck} against the {@link Recount}), {@link LatencyPhase}; then the {@link BenchResult}.
 * <pre>{@code
 * BenchResult r = new Bench(BenchConfig.defaults().withEvents(200_000), Progress-printing writer).run();
 * }</pre>
 */
public final class Bench {

    /** Case start dates of the simulated events: the year before the run. */
    static final Duration HISTORY = Duration.ofDays(365);

    private final BenchConfig config;
    private final Progress progress;

    public Bench(BenchConfig config, java.io.PrintWriter progressOut) {
        this(config, new Progress(progressOut, 5_000));
    }

    Bench(BenchConfig config, Progress progress) {
        this.config = config;
        this.progress = progress;
    }

    public BenchResult run() {
        String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String runId = "indicators-bench-" + UUID.randomUUID().toString().substring(0, 8);
        Path work = createWorkDir();
        progress.line("%,d events over %,d regions, %d partitions, latency phase %d s at %,.0f events/s; work dir %s",
                config.events(), config.regions(), config.partitions(), config.latencyPhase().toSeconds(), config.rate(), work);
        try (HeapSampler heap = new HeapSampler()) {
            return run(startedAt, runId, work, heap);
        } finally {
            if (!config.keep()) deleteRecursively(work);
            else progress.line("kept %s", work);
        }
    }

    private BenchResult run(String startedAt, String runId, Path work, HeapSampler heap) {
        double loadAtStart = loadAverage();
        RegionTable table = SyntheticRegions.generate(config.regions());
        Path regionsFile = work.resolve("regions.csv");
        SyntheticRegions.write(config.regions(), regionsFile);
        List<Region> caseRegions = CaseSimulator.caseRegions(table);
        Instant to = Instant.now().minus(Duration.ofMinutes(10));
        Instant from = to.minus(HISTORY);

        long t0 = System.nanoTime();
        try (BenchCluster cluster = config.external()
                ? BenchCluster.external(config.bootstrap().orElseThrow(), config.registry().orElseThrow(), runId, config.partitions(), config.keep())
                : BenchCluster.embedded(config.partitions(), config.keep() ? work.resolve("stack") : null);
             Admin admin = cluster.admin()) {
            progress.line("cluster: %s, ready in %.1f s", cluster.describe(), (System.nanoTime() - t0) / 1e9);
            EventRules rules = new EventRules(table, EventLimits.fromSettings(Settings.system()), Clock.systemUTC());
            PublisherSettings publisherSettings = PublisherSettings.fromEnvironment()
                    .withBootstrapServers(cluster.bootstrapServers())
                    .withRegistryUrl(cluster.registryUrl())
                    .withTopics(cluster.topics())
                    .withClientId("indicators-bench")
                    .withExtra(new java.util.HashMap<>(config.serdeConfig()));
            List<String> inputs = cluster.topics().inputs();

            // 1. publish
            EventTape tape = new EventTape(config.events());
            Throughput produced;
            try (IndicatorPublisher publisher = IndicatorPublisher.create(publisherSettings, rules, null)) {
                CaseSimulator simulator = new CaseSimulator(caseRegions, config.seed(), from, to);
                produced = PublishPhase.run(publisher, simulator.events(config.events()), config.events(), tape, progress);
            }

            // 2. raw consume
            Throughput raw = RawConsumePhase.run(cluster.bootstrapServers(), inputs, config.events(), progress);

            // 3. pipeline, and its totals against the recount
            StreamsSettings streamsSettings = PipelinePhase.settings(cluster, runId, work.resolve("state"), regionsFile, config);
            CatchUp catchUp = new CatchUp(admin, streamsSettings.applicationId());
            Map<TopicPartition, Long> inputEnds = catchUp.endOffsets(inputs);
            Throughput pipeline;
            TotalsCheck.Outcome check;
            LatencyPhase.Outcome latency = null;
            long stateBytes;
            BenchResult.Amplification amplification;
            try (PipelinePhase phase = new PipelinePhase(streamsSettings)) {
                pipeline = phase.run(catchUp, inputEnds, config.events(), progress, patience(config.events()));
                stateBytes = bytesUnder(streamsSettings.stateDir());
                amplification = phase.amplification();
                check = TotalsCheck.run(tape, table, phase.app().query(), config.seed(), progress);
                tape = null; // the recount is done: let the latency phase have the memory

                // 4. latency at a steady rate
                if (config.latencyEvents() > 0) {
                    try (IndicatorPublisher publisher = IndicatorPublisher.create(publisherSettings.withClientId("indicators-bench-latency"), rules, null)) {
                        CaseSimulator simulator = new CaseSimulator(caseRegions, config.seed() + 1, from, to);
                        latency = LatencyPhase.run(publisher, simulator.events(config.latencyEvents()), config.latencyEvents(), config.rate(),
                                cluster.bootstrapServers(), cluster.topics().totals(),
                                () -> phase.awaitCaughtUp(catchUp, catchUp.endOffsets(inputs), config.latencyEvents(), progress,
                                        patience(config.latencyEvents()), "latency catch-up"),
                                progress);
                    }
                }
            }

            double ratio = Throughput.round(pipeline.eventsPerSecond() / raw.eventsPerSecond(), 5);
            BenchResult result = new BenchResult(startedAt,
                    new BenchResult.Machine(Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                            System.getProperty("os.name") + " " + System.getProperty("os.arch"), HeapSampler.maxHeapBytes(),
                            loadAtStart, loadAverage()),
                    new BenchResult.Setup(config.events(), config.regions(), caseRegions.size(), config.partitions(), streamsSettings.threads(),
                            streamsSettings.processingGuarantee(),
                            streamsSettings.commitInterval() == null ? null : streamsSettings.commitInterval().toMillis(),
                            streamsSettings.cacheMaxBytes(), streamsSettings.storeKind().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                            cluster.embedded() ? "embedded" : "external", config.seed(), config.quick(),
                            publisherSettings.compression(), publisherSettings.linger().toMillis(), publisherSettings.batchBytes(),
                            config.streamsConfig(), config.serdeConfig()),
                    produced, raw, pipeline, ratio, amplification,
                    new BenchResult.Recount(check.cases(), check.checked(), check.mismatches(), check.examples()),
                    latency, heap.peakBytes(), heap.peakLiveBytes(), stateBytes, check.passed());
            return result;
        }
    }

    /** How long the pipeline may take before the bench gives up: an hour, or 5 ms an event (200 events/s) if longer. */
    static Duration patience(long events) {
        Duration perEvent = Duration.ofMillis(5).multipliedBy(events);
        return perEvent.compareTo(Duration.ofMinutes(60)) > 0 ? perEvent : Duration.ofMinutes(60);
    }

    static double loadAverage() {
        return Throughput.round(java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), 2);
    }

    private static Path createWorkDir() {
        try {
            return Files.createTempDirectory("indicators-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work directory: " + e.getMessage(), e);
        }
    }

    static long bytesUnder(Path dir) {
        if (!Files.isDirectory(dir)) return 0;
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // RocksDB removed it meanwhile
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("bench: could not delete " + dir + ": " + e);
        }
    }
}
