package dev.indicators.bench;

import java.util.List;

/**
 * Everything one bench run measured; written as bench-result.json and rendered as a table.
 *
 * @param pipelineToRawRatio pipeline events/s divided by raw consume events/s (the target is at least 0.5)
 * @param peakHeapBytes      peak heap in use in the bench JVM (producer, consumers and the streams app), garbage included
 * @param peakLiveHeapBytes  peak heap left after a garbage collection: what the run really needed
 * @param stateBytes         the streams app's state directory on disk once it had aggregated every event
 * @param passed             whether the totals equalled the recount (the latency and throughput are reported, never judged)
 */
public record BenchResult(String startedAt, Machine machine, Setup setup, Throughput producer, Throughput rawConsume,
                          Throughput pipeline, double pipelineToRawRatio, Amplification amplification, Recount recount,
                          LatencyPhase.Outcome latency, long peakHeapBytes, long peakLiveHeapBytes, long stateBytes, boolean passed) {

    /**
     * Where it ran. {@code loadAverage} is the machine's 1-minute load average at the start and at the end of the
     * run: above the number of cores, something else was competing for the CPU and the figures are low.
     */
    public record Machine(int cores, String java, String os, long maxHeapBytes, double loadAverageAtStart, double loadAverageAtEnd) {
    }

    /**
     * Records the streams app wrote to Kafka per input event while aggregating them (the raw consumer writes none):
     * total updates on the totals topic, contributions on the repartition topic, state changes on changelog topics.
     */
    public record Amplification(double totalsPerEvent, double repartitionPerEvent, double changelogPerEvent) {
    }

    /** How it ran. */
    public record Setup(long events, int regions, int caseRegions, int partitions, int streamThreads, String processingGuarantee,
                        Long commitIntervalMs, long cacheMaxBytes, String stores, String cluster, long seed, boolean quick,
                        String producerCompression, long producerLingerMs, int producerBatchBytes, java.util.Map<String, String> streamsConfig,
                        java.util.Map<String, String> serdeConfig) {
    }

    /** The totals against the batch recount. */
    public record Recount(long cases, int checked, int mismatches, List<TotalsCheck.Mismatch> examples) {
    }
}
