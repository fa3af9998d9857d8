package dev.indicators.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one bench run measured; written as bench-result.json ({@link ResultReport}) and rendered as a table.
 * Figures are kept under their stable names (bench/README.md lists them), each with the value of every repetition.
 *
 * @param figures           name → the figure over the repetitions
 * @param mismatchExamples  the first totals that differed from the recount (query API or totals topic)
 * @param passed            whether every check found the totals equal to the recount (speed is reported, never judged)
 */
public record BenchResult(String startedAt, Machine machine, Setup setup, int runs, Map<String, Spread> figures,
                          List<TotalsCheck.Mismatch> mismatchExamples, boolean passed) {

    /**
     * Where it ran. {@code loadAverage} is the machine's 1-minute load average at the start and at the end of the
     * run: above the number of cores, something else was competing for the CPU and the figures are low.
     */
    public record Machine(int cores, String java, String os, long maxHeapBytes, double loadAverageAtStart, double loadAverageAtEnd) {
    }

    /** How it ran. */
    public record Setup(long events, int regions, int caseRegions, int partitions, int streamThreads, String processingGuarantee,
                        Long commitIntervalMs, long cacheMaxBytes, String stores, String cluster, long seed, boolean quick,
                        int repeat, List<String> topicPeriods, String producerCompression, long producerLingerMs, int producerBatchBytes,
                        Map<String, String> streamsConfig, Map<String, String> serdeConfig) {
    }

    /** One figure over the repetitions: median (what the table shows), min, max and every value in run order. */
    public record Spread(double median, double min, double max, List<Double> values) {
        static Spread of(List<Double> values) {
            List<Double> sorted = new ArrayList<>(values);
            sorted.sort(Double::compare);
            int n = sorted.size();
            double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
            return new Spread(Throughput.round(median, 5), sorted.get(0), sorted.get(n - 1), List.copyOf(values));
        }
    }

    /** The median of a figure, or null when it was not measured. */
    public Double median(String name) {
        Spread s = figures.get(name);
        return s == null ? null : s.median();
    }

    /** Collects the figures of the repetitions, in the order they are first given. */
    static final class Figures {
        private final Map<String, List<Double>> values = new LinkedHashMap<>();

        /** Adds one repetition's value; null or NaN (not measured) is left out. */
        Figures add(String name, Number value) {
            if (value == null || Double.isNaN(value.doubleValue())) return this;
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(value.doubleValue());
            return this;
        }

        Map<String, Spread> spreads() {
            Map<String, Spread> out = new LinkedHashMap<>();
            values.forEach((k, v) -> out.put(k, Spread.of(v)));
            return out;
        }
    }
}
