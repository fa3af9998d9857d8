package dev.indicators.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** bench-result.json and the table printed at the end of a run. */
public final class ResultReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultReport() {
    }

    public static void writeJson(BenchResult result, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            JSON.writeValue(file.toFile(), result);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static BenchResult readJson(Path file) {
        try {
            return JSON.readValue(file.toFile(), BenchResult.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** A Markdown table (it reads as well in a terminal as in the README). */
    public static String table(BenchResult r) {
        BenchResult.Setup s = r.setup();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"producer (generate, validate, Avro, acks=all)", rate(r.producer())});
        rows.add(new String[]{"raw consume (bytes only): the broker's limit", rate(r.rawConsume())});
        rows.add(new String[]{"pipeline (" + s.processingGuarantee() + ", from offset 0 until every event is aggregated)", rate(r.pipeline())});
        rows.add(new String[]{"pipeline / raw consume", r.pipelineToRawRatio() >= 0.1
                ? String.format(Locale.ROOT, "%.2f", r.pipelineToRawRatio())
                : String.format(Locale.ROOT, "%.4f (1/%,.0f)", r.pipelineToRawRatio(), 1 / Math.max(r.pipelineToRawRatio(), 1e-9))});
        if (r.amplification() != null) {
            BenchResult.Amplification a = r.amplification();
            rows.add(new String[]{"records the pipeline wrote per event (totals + repartition + changelog)",
                    String.format(Locale.ROOT, "%.1f + %.1f + %.1f", a.totalsPerEvent(), a.repartitionPerEvent(), a.changelogPerEvent())});
        }
        if (r.latency() != null) {
            LatencyPhase.Outcome l = r.latency();
            rows.add(new String[]{String.format(Locale.ROOT, "end-to-end latency p50 / p99 / p99.9 (max) at %,.0f events/s", l.achievedRate()),
                    String.format(Locale.ROOT, "%,d / %,d / %,d ms (%,d ms), %,d updates; drained %.1f s after", l.p50Ms(), l.p99Ms(), l.p999Ms(),
                            l.maxMs(), l.updates(), l.drainSeconds())});
        }
        rows.add(new String[]{"totals = batch recount", String.format(Locale.ROOT, "%s: %,d totals checked, %,d mismatches",
                r.recount().mismatches() == 0 ? "yes" : "NO", r.recount().checked(), r.recount().mismatches())});
        rows.add(new String[]{"peak heap of the bench JVM, in use / live after GC (max " + mb(r.machine().maxHeapBytes()) + ")",
                mb(r.peakHeapBytes()) + " / " + mb(r.peakLiveHeapBytes())});
        rows.add(new String[]{"state on disk (RocksDB)", mb(r.stateBytes())});
        rows.add(new String[]{"cores (load average at start / end)", String.format(Locale.ROOT, "%d (%.1f / %.1f)",
                r.machine().cores(), r.machine().loadAverageAtStart(), r.machine().loadAverageAtEnd())});

        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "indicators bench: %,d events over %,d regions (%,d with cases), %d partitions, %d stream thread%s, %s, %s%n%n",
                s.events(), s.regions(), s.caseRegions(), s.partitions(), s.streamThreads(), s.streamThreads() == 1 ? "" : "s",
                s.processingGuarantee(), s.cluster()));
        int w0 = "measure".length();
        int w1 = "result".length();
        for (String[] row : rows) {
            w0 = Math.max(w0, row[0].length());
            w1 = Math.max(w1, row[1].length());
        }
        b.append(row("measure", w0, "result", w1));
        b.append("|").append("-".repeat(w0 + 2)).append("|").append("-".repeat(w1 + 2)).append("|\n");
        for (String[] row : rows) b.append(row(row[0], w0, row[1], w1));
        return b.toString();
    }

    private static String row(String a, int w0, String b, int w1) {
        return "| " + pad(a, w0) + " | " + pad(b, w1) + " |\n";
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(Math.max(0, w - s.length()));
    }

    private static String rate(Throughput t) {
        return String.format(Locale.ROOT, "%,.0f events/s (%,d in %.1f s)", t.eventsPerSecond(), t.events(), t.seconds());
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%,.0f MB", bytes / (1024.0 * 1024.0));
    }
}
