package dev.indicators.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * bench-result.json and the table printed at the end of a run. In the JSON every figure is at its stable name with
 * its median ({@code "pipeline_events_per_s": 2246.0}; a dotted name is nested: {@code latency_ms.p99} is
 * {@code "latency_ms": {"p99": ...}}), and under {@code spread} with min, max and the value of each repetition.
 */
public final class ResultReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultReport() {
    }

    static ObjectNode toJson(BenchResult r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("started_at", r.startedAt());
        root.put("passed", r.passed());
        root.put("runs", r.runs());
        for (Map.Entry<String, BenchResult.Spread> e : r.figures().entrySet()) {
            String[] path = e.getKey().split("\\.");
            ObjectNode at = root;
            for (int i = 0; i < path.length - 1; i++) at = at.has(path[i]) ? (ObjectNode) at.get(path[i]) : at.putObject(path[i]);
            at.put(path[path.length - 1], e.getValue().median());
        }
        root.set("recount_mismatch_examples", JSON.valueToTree(r.mismatchExamples()));
        root.set("spread", JSON.valueToTree(r.figures()));
        root.set("machine", JSON.valueToTree(r.machine()));
        root.set("setup", JSON.valueToTree(r.setup()));
        return root;
    }

    public static void writeJson(BenchResult result, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            JSON.writeValue(file.toFile(), toJson(result));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** A Markdown table (it reads as well in a terminal as in the README); with repetitions, median [min - max]. */
    public static String table(BenchResult r) {
        BenchResult.Setup s = r.setup();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"producer (generate, validate, Avro, acks=all)", figure(r, "producer_events_per_s", "%,.0f events/s")});
        rows.add(new String[]{"raw consume (bytes only): the broker's limit", figure(r, "raw_consume_events_per_s", "%,.0f events/s")});
        rows.add(new String[]{"floor (groupByKey().count(), same partitions, threads, commit interval, " + s.processingGuarantee() + ")",
                figure(r, "floor_events_per_s", "%,.0f events/s")});
        rows.add(new String[]{"pipeline (from offset 0 until its committed offsets show every event aggregated)",
                figure(r, "pipeline_events_per_s", "%,.0f events/s")});
        rows.add(new String[]{"pipeline / floor", figure(r, "ratio_floor", "%.4f")});
        rows.add(new String[]{"pipeline / raw consume", figure(r, "ratio_raw", "%.4f")});
        rows.add(new String[]{"records written per event: case changelog + other changelogs + repartition + totals",
                figure(r, "records_written_per_event_by_class.case_changelog", "%.2f") + " + "
                        + figure(r, "records_written_per_event_by_class.other_changelogs", "%.2f") + " + "
                        + figure(r, "records_written_per_event_by_class.repartition", "%.2f") + " + "
                        + figure(r, "records_written_per_event_by_class.totals", "%.2f") + " = " + figure(r, "records_written_per_event", "%.2f")
                        + " (floor " + figure(r, "floor_records_written_per_event", "%.2f") + ")"});
        rows.add(new String[]{"bytes written per event (on the broker's disk, markers included)",
                figure(r, "bytes_written_per_event", "%,.0f") + " (floor " + figure(r, "floor_bytes_written_per_event", "%,.0f") + ")"});
        rows.add(new String[]{"CPU per event: app (bench JVM) / broker", figure(r, "cpu_us_per_event.app", "%.1f") + " / "
                + figure(r, "cpu_us_per_event.broker", "%.1f") + " µs (floor " + figure(r, "floor_cpu_us_per_event.app", "%.1f") + " / "
                + figure(r, "floor_cpu_us_per_event.broker", "%.1f") + " µs)"});
        rows.add(new String[]{"GC pauses during the pipeline phase", figure(r, "gc_pause_ms", "%,.0f ms")});
        rows.add(new String[]{"state caught up / totals topic caught up (read_committed)",
                figure(r, "state_caught_up_s", "%.1f") + " / " + figure(r, "totals_caught_up_s", "%.1f") + " s"});
        if (r.median("latency_ms.p50") != null) {
            rows.add(new String[]{String.format(Locale.ROOT, "end-to-end latency p50 / p99 / p99.9 (max) at %,.0f events/s",
                    r.median("latency_achieved_events_per_s")),
                    figure(r, "latency_ms.p50", "%,.0f") + " / " + figure(r, "latency_ms.p99", "%,.0f") + " / " + figure(r, "latency_ms.p999", "%,.0f")
                            + " ms (" + figure(r, "latency_ms.max", "%,.0f") + " ms)"});
        }
        rows.add(new String[]{"restart until queryable: same state dir / wiped state dir (full restore)",
                figure(r, "restore_s", "%.1f") + " / " + figure(r, "restore_wiped_s", "%.1f") + " s"});
        if (r.median("crash_kills") != null) {
            rows.add(new String[]{"SIGKILL of the app (own process) until RUNNING and queryable again: each kill / the last, with the full state",
                    figure(r, "crash_recovery_s", "%.1f") + " / " + figure(r, "crash_recovery_full_state_s", "%.1f") + " s ("
                            + figure(r, "crash_kills", "%.0f") + " kills, " + figure(r, "recount_mismatches_after_crashes", "%.0f") + " mismatches after them)"});
        }
        rows.add(new String[]{"totals = batch recount (query API and totals topic)", String.format(Locale.ROOT, "%s: %,.0f checked, %,.0f mismatches",
                r.passed() ? "yes" : "NO", orZero(r.median("recount_checked")), orZero(r.median("recount_mismatches")))});
        rows.add(new String[]{"peak heap of the bench JVM, in use / live after GC (max " + mb(r.machine().maxHeapBytes()) + ")",
                figure(r, "heap_peak_mb", "%,.0f") + " / " + figure(r, "heap_live_peak_mb", "%,.0f") + " MB"});
        rows.add(new String[]{"state on disk (RocksDB) after the pipeline phase", figure(r, "state_mb", "%,.0f MB")});
        rows.add(new String[]{"cores (load average at start / end)", String.format(Locale.ROOT, "%d (%.1f / %.1f)",
                r.machine().cores(), r.machine().loadAverageAtStart(), r.machine().loadAverageAtEnd())});

        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "indicators bench: %,d events over %,d regions (%,d with cases), %d partitions, %d stream thread%s, %s, %s%s%n%n",
                s.events(), s.regions(), s.caseRegions(), s.partitions(), s.streamThreads(), s.streamThreads() == 1 ? "" : "s",
                s.processingGuarantee(), s.cluster(), r.runs() > 1 ? ", " + r.runs() + " runs: median [min - max]" : ""));
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

    private static double orZero(Double v) {
        return v == null ? 0 : v;
    }

    /** The median in {@code format}; with several runs also [min - max]; "n/a" when not measured. */
    private static String figure(BenchResult r, String name, String format) {
        BenchResult.Spread s = r.figures().get(name);
        if (s == null) return "n/a";
        String median = String.format(Locale.ROOT, format, s.median());
        if (s.values().size() < 2) return median;
        return median + String.format(Locale.ROOT, " [" + format + " - " + format + "]", s.min(), s.max());
    }

    private static String row(String a, int w0, String b, int w1) {
        return "| " + pad(a, w0) + " | " + pad(b, w1) + " |\n";
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(Math.max(0, w - s.length()));
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%,.0f MB", bytes / (1024.0 * 1024.0));
    }
}
