package dev.indicators.producer.importer;

import dev.indicators.contract.Settings;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.contract.validation.EventJson;
import dev.indicators.contract.validation.EventLimits;
import dev.indicators.contract.validation.EventRules;
import dev.indicators.producer.publish.ConnectionOptions;
import dev.indicators.producer.publish.IndicatorPublisher;
import dev.indicators.producer.publish.PublisherSettings;
import dev.indicators.producer.simulate.CaseSimulator;
import dev.indicators.producer.simulate.SyntheticRegions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Measures import throughput and memory against a running stack: generates a JSON Lines file with the simulator
 * (unless it exists), imports it through the same {@link Importer} and {@link IndicatorPublisher} as
 * {@code indicators import}, and prints events/s, peak heap and peak RSS.
 * <pre>
 * java -Xmx512m -cp ... dev.indicators.producer.importer.ImportBenchmark --events 1000000 --bootstrap 127.0.0.1:9092 \
 *      --registry http://127.0.0.1:8081/apis/registry/v3
 * </pre>
 */
@Command(name = "import-benchmark", mixinStandardHelpOptions = true, description = "Import throughput on a simulator-generated JSON Lines file.")
public class ImportBenchmark implements Callable<Integer> {

    @Option(names = "--events", defaultValue = "1000000", description = "events in the generated file (default: ${DEFAULT-VALUE})")
    long events;

    @Option(names = "--file", description = "JSON Lines file to import; generated when missing (default: a temporary file)")
    Path file;

    @Option(names = "--synthetic-regions", description = "generate over a SYNTHETIC table with this many counties (default: the bundled table)")
    Integer syntheticRegions;

    @Option(names = "--dry-run", description = "validate only (measures reading and validation without Kafka)")
    boolean dryRun;

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Override
    public Integer call() throws IOException {
        RegionTable table = syntheticRegions != null ? SyntheticRegions.generate(syntheticRegions) : RegionTable.bundled();
        Path f = file != null ? file : Files.createTempFile("indicators-bench-", ".jsonl");
        boolean generated = false;
        if (!Files.exists(f) || Files.size(f) == 0) {
            long t = System.nanoTime();
            Instant to = Instant.now().minus(Duration.ofDays(1));
            Iterator<SpecificRecord> it = new CaseSimulator(CaseSimulator.caseRegions(table), 1, to.minus(Duration.ofDays(730)), to).events(events);
            try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
                while (it.hasNext()) {
                    w.write(EventJson.toJson(it.next()).toString());
                    w.write('\n');
                }
            }
            generated = true;
            System.err.printf(Locale.ROOT, "generated %,d events (%s) in %s in %.1f s%n", events, ProgressReporter.bytes(Files.size(f)), f,
                    (System.nanoTime() - t) / 1e9);
        }
        resetPeaks();
        Settings settings = Settings.system();
        EventRules rules = new EventRules(table, EventLimits.fromSettings(settings), Clock.systemUTC());
        PublisherSettings ps = connection.publisherSettings(settings).withClientId("indicators-import-benchmark");
        ImportSummary s;
        StringWriter errors = new StringWriter();
        IndicatorPublisher publisher = dryRun ? null : IndicatorPublisher.create(ps, rules, new SimpleMeterRegistry());
        try (ErrorReport report = new ErrorReport(new PrintWriter(errors), 20, null)) {
            s = new Importer(new EventJson(rules), publisher, ImportOptions.defaults().withDryRun(dryRun), report,
                    ProgressReporter.Mode.LINES, new PrintWriter(System.err, true)).run(List.of(f));
        } finally {
            if (publisher != null) publisher.close();
        }
        System.err.print(errors);
        long peakHeap = peakHeapBytes();
        long rss = vmHwmBytes();
        long gcMillis = 0, gcs = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcMillis += Math.max(0, gc.getCollectionTime());
            gcs += Math.max(0, gc.getCollectionCount());
        }
        System.out.print(s.render());
        System.out.printf(Locale.ROOT, "RESULT events=%d file=%s seconds=%.2f events_per_s=%.0f peak_heap=%s max_heap=%s peak_rss=%s gc=%d (%d ms) dry_run=%s%n",
                s.read(), ProgressReporter.bytes(Files.size(f)), s.elapsed().toNanos() / 1e9, s.eventsPerSecond(),
                ProgressReporter.bytes(peakHeap), ProgressReporter.bytes(Runtime.getRuntime().maxMemory()),
                rss < 0 ? "n/a" : ProgressReporter.bytes(rss), gcs, gcMillis, dryRun);
        if (generated && file == null) Files.deleteIfExists(f);
        return s.exitCode();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();
    }

    /** Sum of the heap pools' peak usage since {@link #resetPeaks()}: an upper bound of the live heap's peak. */
    static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) sum += p.getPeakUsage().getUsed();
        }
        return sum;
    }

    /** The process's peak resident set (VmHWM), or -1 where /proc is not available. */
    static long vmHwmBytes() {
        try {
            Optional<String> line = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:")).findFirst();
            return line.map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024).orElse(-1L);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ImportBenchmark()).execute(args));
    }
}
