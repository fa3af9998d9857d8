package dev.indicators.bench;

import dev.indicators.testkit.recount.EventTape;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code indicators bench}: the pipeline against the physical limit, side by side, in one run. Usable as a picocli
 * subcommand ({@code subcommands = BenchCommand.class}) or alone ({@link #main}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures the pipeline against the physical limit, side by side, in one run.",
                "Steps:",
                "1. publishes --events simulated case events over a synthetic table of --regions counties (producer events/s);",
                "2. reads them back with a plain consumer that deserialises nothing (raw consume events/s: this broker's limit);",
                "3. runs the floor: groupByKey().count() on the raw keys under the pipeline's Kafka Streams configuration "
                        + "(exactly-once), from offset 0 until its committed offsets show every event counted (floor events/s);",
                "4. runs the streams app (exactly-once, its default configuration) from offset 0 until its committed offsets "
                        + "show every event aggregated (pipeline events/s), and checks its totals against a batch recount, "
                        + "through the query API and on the totals topic (read_committed);",
                "5. publishes at a steady --rate for --seconds and measures end-to-end latency (produce to the total's update "
                        + "on the totals topic, read_committed);",
                "6. restarts the app on its state directory, then on a wiped one, and times until it answers queries;",
                "7. prints a table and writes --output (JSON; the names are listed in bench/README.md).",
                "Runs on an embedded broker and registry unless --bootstrap and --registry name a cluster "
                        + "(the bench then creates and deletes topics of its own there).",
                "INDICATORS_* settings of the streams app (e.g. INDICATORS_COMMIT_INTERVAL, INDICATORS_CACHE_MAX_BYTES) and of "
                        + "the producer (INDICATORS_PRODUCER_*) apply, so tuning can be measured."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the run completed and the totals equal the recount", "1:the totals differ from the recount",
                "2:usage error", "3:the run could not complete (cluster, publishing, a stuck pipeline)"})
public class BenchCommand implements Callable<Integer> {

    @Option(names = "--events", paramLabel = "N", description = "events to publish and aggregate (default: 2,000,000; 200,000 with --quick)")
    Long events;

    @Option(names = "--regions", paramLabel = "N", defaultValue = "3200",
            description = "county-level regions of the synthetic region table, the order of China's county-level divisions (default: ${DEFAULT-VALUE})")
    int regions;

    @Option(names = "--rate", paramLabel = "EVENTS_PER_S", defaultValue = "5000", description = "steady rate of the latency phase (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--seconds", paramLabel = "S", description = "length of the latency phase; 0 skips it (default: 60; 15 with --quick)")
    Long seconds;

    @Option(names = "--quick", description = "200,000 events and a 15 s latency phase: a few minutes in all")
    boolean quick;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "" + BenchConfig.DEFAULT_PARTITIONS,
            description = "partitions of the input topics (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--threads", paramLabel = "N", description = "stream threads of the streams app (default: its own default, INDICATORS_STREAMS_THREADS or one per processor up to 4)")
    Integer threads;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "run on this Kafka cluster instead of the embedded broker (needs --registry)")
    String bootstrap;

    @Option(names = "--registry", paramLabel = "URL", description = "the Apicurio registry of that cluster (API URL, or its base address)")
    String registry;

    @Option(names = "--output", paramLabel = "FILE", defaultValue = "bench-result.json", description = "where to write the result (default: ${DEFAULT-VALUE})")
    Path output;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
            description = "run the measured phases N times (publishing once) and report median, min and max (default: ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--topic-periods", paramLabel = "KINDS", defaultValue = "month,quarter,year,all,trailing",
            description = "period kinds every nonzero total must have on the totals topic; any total present is checked whatever "
                    + "its kind (default: ${DEFAULT-VALUE}; add day to require day totals too)")
    String topicPeriods;

    @Option(names = "--no-wiped-restore", description = "skip the restart on a wiped state directory (a full restore from the changelogs)")
    boolean noWipedRestore;

    @Option(names = "--crashes", paramLabel = "N", defaultValue = "" + BenchConfig.DEFAULT_CRASHES,
            description = "Kill the streams app, run as its own process, with SIGKILL N times (the last after it has caught up, "
                    + "so with the full state), restart it each time, and check its totals against the recount afterwards; "
                    + "0 skips the crash phase (default: ${DEFAULT-VALUE}).")
    int crashes;

    @Option(names = "--crash-only", description = "Publish the events, then run only the crash phase and its check against the "
            + "recount (to measure recovery, or to test exactness under crashes, without the other phases).")
    boolean crashOnly;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "simulator seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--keep", description = "keep the data: the embedded broker's and the app's state (in the work directory), or the topics of an external cluster")
    boolean keep;

    @Option(names = "--streams-config", paramLabel = "KEY=VALUE",
            description = "a Kafka Streams or client property for the streams app, set last (repeatable), e.g. "
                    + "--streams-config producer.linger.ms=20; to measure tuning")
    java.util.Map<String, String> streamsConfig = new java.util.LinkedHashMap<>();

    @Option(names = "--serde-config", paramLabel = "KEY=VALUE",
            description = "an Apicurio serde property for the streams app and the publisher (repeatable), set last")
    java.util.Map<String, String> serdeConfig = new java.util.LinkedHashMap<>();

    @Spec
    CommandLine.Model.CommandSpec spec;

    /** Builds the streams app under test: the production wiring (a test may give it another clock). */
    PipelinePhase.Apps apps = dev.indicators.streams.app.IndicatorStreamsApp::create;

    /** The simulated events end 10 minutes before this clock's time: now (a test under another app clock moves it). */
    java.time.Clock eventsEnd = java.time.Clock.systemUTC();

    /** What the recount reads of the published events: all of them (a test leaves a case out to see the run fail). */
    java.util.function.UnaryOperator<EventTape> recountInput = java.util.function.UnaryOperator.identity();

    /** The run's configuration from the options. */
    BenchConfig config() {
        long n = events != null ? events : quick ? BenchConfig.QUICK_EVENTS : BenchConfig.DEFAULT_EVENTS;
        Duration latency = seconds != null ? Duration.ofSeconds(seconds) : quick ? BenchConfig.QUICK_LATENCY_PHASE : BenchConfig.DEFAULT_LATENCY_PHASE;
        return new BenchConfig(n, regions, rate, latency, partitions, Optional.ofNullable(threads), seed,
                Optional.ofNullable(bootstrap), Optional.ofNullable(registry), output, keep, quick, streamsConfig, serdeConfig,
                repeat, TotalsCheck.parseKinds(topicPeriods), !noWipedRestore, crashes, crashOnly);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BenchConfig config;
        try {
            config = config();
        } catch (IllegalArgumentException e) {
            err.println("bench: " + e.getMessage());
            return 2;
        }
        quietClientLogs();
        BenchResult result;
        try {
            result = new Bench(config, new Progress(err, 5_000), apps, recountInput, eventsEnd).run();
        } catch (RuntimeException e) {
            err.println("bench: FAILED: " + (e instanceof BenchFailure ? "" : e.getClass().getSimpleName() + ": ") + e.getMessage());
            err.flush();
            return 3;
        }
        ResultReport.writeJson(result, config.output());
        out.println();
        out.print(ResultReport.table(result));
        out.println();
        out.println("written to " + config.output().toAbsolutePath());
        out.flush();
        if (!result.passed()) {
            err.println(String.format(java.util.Locale.ROOT, "bench: FAILED: the pipeline's totals differ from the batch recount "
                            + "(%.0f of %.0f checked in the median run; query API %.0f, totals topic %.0f, after the restore %.0f); the first:",
                    orZero(result.median("recount_mismatches")), orZero(result.median("recount_checked")),
                    orZero(result.median("recount_mismatches_query")), orZero(result.median("recount_mismatches_topic")),
                    orZero(result.median("recount_mismatches_after_restore"))));
            for (TotalsCheck.Mismatch m : result.mismatchExamples()) err.println("bench:   " + m);
            err.flush();
            return 1;
        }
        return 0;
    }

    private static double orZero(Double v) {
        return v == null ? 0 : v;
    }

    /**
     * Kafka's clients and Kafka Streams log a lot at INFO; the bench prints its own progress, so only warnings are
     * shown unless the log level was chosen ({@code -Dorg.slf4j.simpleLogger.defaultLogLevel}).
     */
    private static void quietClientLogs() {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }
}
