package dev.indicators.bench;

import dev.indicators.testkit.recount.Recount;
import dev.indicators.testkit.recount.EventTape;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.time.LocalDate;
import dev.indicators.contract.avro.IndicatorTotal;
import dev.indicators.streams.app.IndicatorStreamsApp;
import dev.indicators.streams.codec.RegistryEventCodec;
import dev.indicators.streams.query.TotalValue;
import org.apache.avro.specific.SpecificRecord;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * One bench run, phase by phase: {@link PublishPhase} once; then, {@code --repeat} times, {@link RawConsumePhase},
 * {@link FloorPhase} and {@link PipelinePhase} (each app from offset zero with a fresh application id and state
 * directory) with the {@link TotalsCheck} against the {@link Recount} through the query API and on the totals topic;
 * then, on the last pipeline app, {@link LatencyPhase} and the restore phase ({@link PipelinePhase#restart}) as often;
 * last the {@link BenchResult}.
 * <pre>{@code
 * BenchResult r = new Bench(BenchConfig.defaults().withEvents(200_000), Progress-printing writer).run();
 * }</pre>
 */
public final class Bench {

    /** Case start dates of the simulated events: the year before the run. */
    static final Duration HISTORY = Duration.ofDays(365);

    private final BenchConfig config;
    private final Progress progress;
    private final PipelinePhase.Apps apps;
    private final UnaryOperator<EventTape> recountInput;
    private final Clock eventsEnd;

    public Bench(BenchConfig config, java.io.PrintWriter progressOut) {
        this(config, new Progress(progressOut, 5_000), IndicatorStreamsApp::create, UnaryOperator.identity(), Clock.systemUTC());
    }

    /**
     * @param apps         builds the streams app under test (the production wiring, or in tests one under another clock)
     * @param recountInput what the recount reads of the published events (all of them; a test leaves some out to see
     *                     the check fail)
     * @param eventsEnd    the simulated events end 10 minutes before this clock's time (the system clock; a test whose
     *                     app runs under an earlier clock moves them back)
     */
    Bench(BenchConfig config, Progress progress, PipelinePhase.Apps apps, UnaryOperator<EventTape> recountInput, Clock eventsEnd) {
        this.config = config;
        this.progress = progress;
        this.apps = apps;
        this.recountInput = recountInput;
        this.eventsEnd = eventsEnd;
    }

    public BenchResult run() {
        String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String runId = "indicators-bench-" + UUID.randomUUID().toString().substring(0, 8);
        Path work = createWorkDir();
        progress.line("%,d events over %,d regions, %d partitions, latency phase %d s at %,.0f events/s, %d run%s; work dir %s",
                config.events(), config.regions(), config.partitions(), config.latencyPhase().toSeconds(), config.rate(),
                config.repeat(), config.repeat() == 1 ? "" : "s", work);
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
        Instant to = eventsEnd.instant().minus(Duration.ofMinutes(10));
        Instant from = to.minus(HISTORY);

        long t0 = System.nanoTime();
        try (BenchCluster cluster = config.external()
                ? BenchCluster.external(config.bootstrap().orElseThrow(), config.registry().orElseThrow(), runId, config.partitions(), config.keep())
                : BenchCluster.embedded(config.partitions(), config.keep() ? work.resolve("stack") : null);
             Admin admin = cluster.admin();
             RegistryEventCodec totalsCodec = new RegistryEventCodec(cluster.registryUrl(), false, config.serdeConfig())) {
            progress.line("cluster: %s, ready in %.1f s", cluster.describe(), (System.nanoTime() - t0) / 1e9);
            OptionalLong brokerPid = cluster.brokerPid();
            EventRules rules = new EventRules(table, EventLimits.fromSettings(Settings.system()), Clock.systemUTC());
            PublisherSettings publisherSettings = PublisherSettings.fromEnvironment()
                    .withBootstrapServers(cluster.bootstrapServers())
                    .withRegistryUrl(cluster.registryUrl())
                    .withTopics(cluster.topics())
                    .withClientId("indicators-bench")
                    .withExtra(new java.util.HashMap<>(config.serdeConfig()));
            List<String> inputs = cluster.topics().inputs();
            BenchResult.Figures figures = new BenchResult.Figures();

            // 1. publish
            EventTape tape = EventTape.forSimulatedCases(config.events());
            try (IndicatorPublisher publisher = IndicatorPublisher.create(publisherSettings, rules, null)) {
                CaseSimulator simulator = new CaseSimulator(caseRegions, config.seed(), from, to);
                Throughput produced = PublishPhase.run(publisher, simulator.events(config.events()), config.events(), tape, progress);
                figures.add("producer_events_per_s", produced.eventsPerSecond());
            }
            TotalsCheck.Sample sample = TotalsCheck.sample(tape, table, config.seed());
            Map<TopicPartition, Long> inputEnds = new CatchUp(admin, runId).endOffsets(inputs);

            List<TotalsCheck.Mismatch> examples = new ArrayList<>();
            boolean passed = true;
            PipelinePhase phase = null;
            StreamsSettings streamsSettings = null;
            try {
                if (!config.crashOnly()) {
                    for (int run = 1; run <= config.repeat(); run++) {
                        String suffix = config.repeat() == 1 ? "" : " (run " + run + " of " + config.repeat() + ")";
                        // 2. raw consume
                        Throughput raw = RawConsumePhase.run(cluster.bootstrapServers(), inputs, config.events(), progress);
                        figures.add("raw_consume_events_per_s", raw.eventsPerSecond());

                        // 3. the floor, under the pipeline's configuration
                        String applicationId = runId + (run == 1 ? "" : "-" + run);
                        streamsSettings = PipelinePhase.settings(cluster, applicationId, work.resolve("state-" + run), regionsFile, config);
                        FloorPhase.Outcome floor = FloorPhase.run(admin, cluster.bootstrapServers(), inputs, config.partitions(), streamsSettings,
                                applicationId + "-floor", work.resolve("floor-" + run), inputEnds, config.events(), brokerPid, progress,
                                patience(config.events()));
                        deleteRecursively(work.resolve("floor-" + run));
                        figures.add("floor_events_per_s", floor.throughput().eventsPerSecond())
                                .add("floor_records_written_per_event", floor.written().totalRecords() / (double) config.events())
                                .add("floor_bytes_written_per_event", Throughput.round(floor.written().totalBytes() / (double) config.events(), 1))
                                .add("floor_cpu_us_per_event.app", floor.usage().appCpuUsPerEvent())
                                .add("floor_cpu_us_per_event.broker", floor.usage().brokerCpuUsPerEvent())
                                .add("floor_gc_pause_ms", floor.usage().gcPauseMs());

                        // 4. the pipeline, and its totals against the recount
                        if (phase != null) {
                            phase.close();
                            deleteRecursively(phase.settings().stateDir());
                        }
                        CatchUp catchUp = new CatchUp(admin, applicationId);
                        Map<TopicPartition, Long> totalsFrom = catchUp.endOffsets(List.of(cluster.topics().totals()));
                        PipelinePhase.Outcome pipeline;
                        TotalsCheck.Outcome check;
                        phase = new PipelinePhase(streamsSettings, apps);
                        try (TotalsTopicTail tail = new TotalsTopicTail(cluster.bootstrapServers(), cluster.topics().totals(), totalsFrom,
                                Set.copyOf(sample.regions()))) {
                            LocalDate dayAtStart = LocalDate.now(phase.app().clock().withZone(Recount.CHINA));
                            pipeline = phase.run(admin, catchUp, inputEnds, config.events(), tail, brokerPid, progress, patience(config.events()));
                            figures.add("state_bytes", bytesUnder(streamsSettings.stateDir()));
                            if (!LocalDate.now(phase.app().clock().withZone(Recount.CHINA)).equals(dayAtStart)) {
                                progress.line("recount: the streams app's day turned during the run (Asia/Shanghai %s to %s)", dayAtStart,
                                        LocalDate.now(phase.app().clock().withZone(Recount.CHINA)));
                            }
                            PipelinePhase current = phase;
                            TotalsCheck.TopicValues topic = () -> {
                                tail.awaitReached(catchUp.endOffsets(List.of(cluster.topics().totals())), Duration.ofMinutes(5));
                                return decode(tail.latest(), totalsCodec, cluster.topics().totals());
                            };
                            check = TotalsCheck.run(sample, recountInput.apply(tape), table, current.app().query(), topic, config.topicPeriods(),
                                    current.app().settings().refreshInterval().plusSeconds(5), current.app().clock(), progress);
                        }
                        double pipelineRate = pipeline.throughput().eventsPerSecond();
                        long n = config.events();
                        figures.add("pipeline_events_per_s", pipelineRate)
                                .add("ratio_floor", Throughput.round(pipelineRate / floor.throughput().eventsPerSecond(), 5))
                                .add("ratio_raw", Throughput.round(pipelineRate / raw.eventsPerSecond(), 5))
                                .add("records_written_per_event", Throughput.round(pipeline.written().totalRecords() / (double) n, 3));
                        for (String c : TopicWrites.CLASSES) {
                            figures.add("records_written_per_event_by_class." + c, Throughput.round(pipeline.written().records().get(c) / (double) n, 3));
                        }
                        figures.add("bytes_written_per_event", Throughput.round(pipeline.written().totalBytes() / (double) n, 1));
                        for (String c : TopicWrites.CLASSES) {
                            figures.add("bytes_written_per_event_by_class." + c, Throughput.round(pipeline.written().bytes().get(c) / (double) n, 1));
                        }
                        figures.add("offsets_per_event", Throughput.round(pipeline.written().totalOffsets() / (double) n, 3))
                                .add("cpu_us_per_event.app", pipeline.usage().appCpuUsPerEvent())
                                .add("cpu_us_per_event.broker", pipeline.usage().brokerCpuUsPerEvent())
                                .add("gc_pause_ms", pipeline.usage().gcPauseMs())
                                .add("gc_collections", pipeline.usage().gcCount())
                                .add("state_caught_up_s", pipeline.stateCaughtUpSeconds())
                                .add("totals_caught_up_s", pipeline.totalsCaughtUpSeconds())
                                .add("totals_records_read", pipeline.totalsRecordsRead())
                                .add("recount_cases", check.cases())
                                .add("recount_checked", check.checked())
                                .add("recount_checked_query", check.queryChecked())
                                .add("recount_checked_topic", check.topicChecked())
                                .add("recount_mismatches", check.mismatches())
                                .add("recount_mismatches_query", check.queryMismatches())
                                .add("recount_mismatches_topic", check.topicMismatches())
                                .add("recount_s", check.seconds())
                                .add("totals_topic_settle_s", check.topicSettleSeconds());
                        passed &= check.passed();
                        for (TotalsCheck.Mismatch m : check.examples()) if (examples.size() < 30) examples.add(m);
                        progress.line("run %d: pipeline / floor %.4f, pipeline / raw consume %.4f%s", run,
                                pipelineRate / floor.throughput().eventsPerSecond(), pipelineRate / raw.eventsPerSecond(), suffix);
                    }

                    // 5. latency at a steady rate, on the last pipeline app (its events join the tape for the check after the restore)
                    for (int run = 1; run <= config.repeat() && config.latencyEvents() > 0; run++) {
                        PipelinePhase current = phase;
                        CatchUp catchUp = new CatchUp(admin, current.settings().applicationId());
                        try (IndicatorPublisher publisher = IndicatorPublisher.create(publisherSettings.withClientId("indicators-bench-latency"), rules, null)) {
                            CaseSimulator simulator = new CaseSimulator(caseRegions, config.seed() + run, from, to);
                            EventTape recorded = tape;
                            Iterator<SpecificRecord> events = simulator.events(config.latencyEvents());
                            Iterator<SpecificRecord> taped = new Iterator<>() {
                                public boolean hasNext() {
                                    return events.hasNext();
                                }

                                public SpecificRecord next() {
                                    SpecificRecord e = events.next();
                                    recorded.record(e);
                                    return e;
                                }
                            };
                            LatencyPhase.Outcome latency = LatencyPhase.run(publisher, taped, config.latencyEvents(), config.rate(),
                                    cluster.bootstrapServers(), cluster.topics().totals(),
                                    () -> current.awaitCaughtUp(catchUp, catchUp.endOffsets(inputs), config.latencyEvents(), progress,
                                            patience(config.latencyEvents()), "latency catch-up"),
                                    progress);
                            figures.add("latency_ms.p50", latency.p50Ms()).add("latency_ms.p99", latency.p99Ms())
                                    .add("latency_ms.p999", latency.p999Ms()).add("latency_ms.max", latency.maxMs())
                                    .add("latency_ms.mean", latency.meanMs()).add("latency_achieved_events_per_s", latency.achievedRate())
                                    .add("latency_updates", latency.updates()).add("latency_drain_s", latency.drainSeconds());
                        }
                    }

                    // 6. restore: restart on the same state directory, then (optionally) on a wiped one; check again after
                    for (int run = 1; run <= config.repeat(); run++) {
                        PipelinePhase.Restart same = phase.restart(false, patience(config.events()));
                        figures.add("restore_s", same.seconds()).add("restore_replay_s", same.replaySeconds())
                                .add("restore_records", same.recordsRestored());
                        String wiped = "";
                        if (config.wipedRestore()) {
                            PipelinePhase.Restart full = phase.restart(true, patience(config.events()));
                            figures.add("restore_wiped_s", full.seconds()).add("restore_wiped_replay_s", full.replaySeconds())
                                    .add("restore_wiped_records", full.recordsRestored());
                            wiped = String.format(Locale.ROOT, "; on a wiped state dir %.1f s (replaying %,d changelog records took %.1f s of it)",
                                    full.seconds(), full.recordsRestored(), full.replaySeconds());
                        }
                        progress.line("restore: restart until RUNNING and queryable: on the same state dir %.1f s (replaying %,d changelog records took %.1f s of it)%s",
                                same.seconds(), same.recordsRestored(), same.replaySeconds(), wiped);
                    }
                    TotalsCheck.Outcome after = TotalsCheck.run(TotalsCheck.sample(tape, table, config.seed()), recountInput.apply(tape), table,
                            phase.app().query(), null, config.topicPeriods(), Duration.ZERO, phase.app().clock(), progress.prefixed("after restore: "));
                    figures.add("recount_mismatches_after_restore", after.mismatches());
                    passed &= after.passed();
                    for (TotalsCheck.Mismatch m : after.examples()) if (examples.size() < 30) examples.add(m);
                } else {
                    // only the crash phase: the setup figures are those of its app
                    streamsSettings = PipelinePhase.settings(cluster, runId + "-crash", work.resolve("state-crash"), regionsFile, config);
                }

                // 7. crashes: the app as its own process, killed with SIGKILL, then checked like the others
                if (config.crashes() > 0) {
                    if (phase != null) phase.close();
                    phase = null;
                    TotalsCheck.Outcome crashed = crashPhase(runId, cluster, admin, work, regionsFile, tape, table, totalsCodec, figures);
                    passed &= crashed.passed();
                    for (TotalsCheck.Mismatch m : crashed.examples()) if (examples.size() < 30) examples.add(m);
                }
            } finally {
                if (phase != null) phase.close();
            }
            figures.add("heap_peak_mb", Throughput.round(heap.peakBytes() / 1048576.0, 1))
                    .add("heap_live_peak_mb", Throughput.round(heap.peakLiveBytes() / 1048576.0, 1))
                    .add("state_mb", figures.spreads().containsKey("state_bytes")
                            ? Throughput.round(figures.spreads().get("state_bytes").median() / 1048576.0, 1) : null);

            return new BenchResult(startedAt,
                    new BenchResult.Machine(Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                            System.getProperty("os.name") + " " + System.getProperty("os.arch"), HeapSampler.maxHeapBytes(),
                            loadAtStart, loadAverage()),
                    new BenchResult.Setup(config.events(), config.regions(), caseRegions.size(), config.partitions(), streamsSettings.threads(),
                            streamsSettings.processingGuarantee(),
                            streamsSettings.commitInterval() == null ? null : streamsSettings.commitInterval().toMillis(),
                            streamsSettings.cacheMaxBytes(), streamsSettings.storeKind().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                            cluster.embedded() ? "embedded" : "external", config.seed(), config.quick(), config.repeat(),
                            new ArrayList<>(new java.util.TreeSet<>(config.topicPeriods())),
                            publisherSettings.compression(), publisherSettings.linger().toMillis(), publisherSettings.batchBytes(),
                            config.streamsConfig(), config.serdeConfig()),
                    config.repeat(), figures.spreads(), List.copyOf(examples), passed);
        }
    }

    /**
     * The crash phase ({@link CrashPhase}) over everything published so far, then an app in this JVM on the crashed
     * app's state directory (the production wiring, under the system clock the killed processes ran under), whose query
     * API and totals topic must equal the recount.
     */
    private TotalsCheck.Outcome crashPhase(String runId, BenchCluster cluster, Admin admin, Path work, Path regionsFile, EventTape tape,
                                           RegionTable table, RegistryEventCodec totalsCodec, BenchResult.Figures figures) {
        String applicationId = runId + "-crash";
        Map<String, String> values = CrashPhase.withStaticMembership(
                PipelinePhase.settingValues(cluster, applicationId, work.resolve("state-crash"), regionsFile, config));
        String totals = cluster.topics().totals();
        CatchUp catchUp = new CatchUp(admin, applicationId);
        Map<TopicPartition, Long> totalsFrom = catchUp.endOffsets(List.of(totals));
        Map<TopicPartition, Long> inputEnds = catchUp.endOffsets(cluster.topics().inputs());
        CrashPhase.Outcome crash = CrashPhase.run(values, work, catchUp, inputEnds, config.crashes(), config.seed(), progress,
                patience(tape.size()));
        for (double s : crash.recoverySeconds()) figures.add("crash_recovery_s", s);
        figures.add("crash_recovery_full_state_s", crash.fullStateRecoverySeconds())
                .add("crash_kills", crash.recoverySeconds().size())
                .add("crash_caught_up_s", crash.caughtUpSeconds());
        try (PipelinePhase checker = new PipelinePhase(PipelinePhase.settings(values), IndicatorStreamsApp::create);
             TotalsTopicTail tail = new TotalsTopicTail(cluster.bootstrapServers(), totals, totalsFrom,
                     Set.copyOf(TotalsCheck.sample(tape, table, config.seed()).regions()))) {
            checker.startQueryable(patience(tape.size()));
            TotalsCheck.TopicValues topic = () -> {
                tail.awaitReached(catchUp.endOffsets(List.of(totals)), Duration.ofMinutes(5));
                return decode(tail.latest(), totalsCodec, totals);
            };
            TotalsCheck.Outcome check = TotalsCheck.run(TotalsCheck.sample(tape, table, config.seed()), recountInput.apply(tape), table,
                    checker.app().query(), topic, config.topicPeriods(), checker.app().settings().refreshInterval().plusSeconds(5),
                    checker.app().clock(), progress.prefixed("after crashes: "));
            figures.add("recount_mismatches_after_crashes", check.mismatches())
                    .add("recount_checked_after_crashes_query", check.queryChecked())
                    .add("recount_checked_after_crashes_topic", check.topicChecked());
            return check;
        }
    }

    /** The latest topic values as the query API's {@link TotalValue}s. */
    static Map<String, TotalValue> decode(Map<String, byte[]> latest, RegistryEventCodec codec, String topic) {
        Map<String, TotalValue> out = new HashMap<>();
        var deserializer = codec.totalSerde().deserializer();
        latest.forEach((key, bytes) -> {
            IndicatorTotal t = deserializer.deserialize(topic, bytes);
            out.put(key, new TotalValue(t.getRegionCode(), t.getRegionLevel(), t.getIndicator(), t.getPeriod(), t.getValue(),
                    t.getNumerator(), t.getDenominator()));
        });
        return out;
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
