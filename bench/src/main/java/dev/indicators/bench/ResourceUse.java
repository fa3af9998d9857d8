package dev.indicators.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * What a phase cost in CPU and garbage collection: the bench JVM's process CPU time (the streams app under test and
 * the bench's own light polling), the broker's process CPU time when the bench started the broker itself (its pid
 * is known; the OS reports the CPU time of any process we may see), and the pauses the collectors reported.
 * <pre>{@code
 * ResourceUse.Snapshot before = ResourceUse.now(brokerPid);
 * ... the phase ...
 * ResourceUse.Usage used = before.until(ResourceUse.now(brokerPid), events);
 * }</pre>
 */
final class ResourceUse {

    private ResourceUse() {
    }

    /** CPU and GC counters at one moment; {@code brokerCpuNanos} is -1 when the broker's process is unknown. */
    record Snapshot(long wallNanos, long appCpuNanos, long brokerCpuNanos, long gcMillis, long gcCount) {

        /** What was used from this snapshot to {@code later}, per event of the phase. */
        Usage until(Snapshot later, long events) {
            double n = Math.max(1, events);
            Double broker = brokerCpuNanos < 0 || later.brokerCpuNanos < 0 ? null
                    : Throughput.round((later.brokerCpuNanos - brokerCpuNanos) / 1e3 / n, 2);
            return new Usage(Throughput.round((later.wallNanos - wallNanos) / 1e9, 3),
                    appCpuNanos < 0 ? null : Throughput.round((later.appCpuNanos - appCpuNanos) / 1e3 / n, 2), broker,
                    later.gcMillis - gcMillis, later.gcCount - gcCount);
        }
    }

    /**
     * @param seconds          wall time of the phase
     * @param appCpuUsPerEvent CPU µs of the bench JVM per event (null if the JVM does not report it)
     * @param brokerCpuUsPerEvent CPU µs of the broker process per event (null on an external cluster)
     * @param gcPauseMs        time the collectors reported spending, summed over the collectors
     * @param gcCount          collections in the phase
     */
    record Usage(double seconds, Double appCpuUsPerEvent, Double brokerCpuUsPerEvent, long gcPauseMs, long gcCount) {

        /** The same with {@code cpuNanos} of the bench's own work in this JVM (e.g. its tail of the totals topic) taken out. */
        Usage withoutAppCpu(long cpuNanos, long events) {
            if (appCpuUsPerEvent == null || cpuNanos <= 0) return this;
            double us = Math.max(0, appCpuUsPerEvent - cpuNanos / 1e3 / Math.max(1, events));
            return new Usage(seconds, Throughput.round(us, 2), brokerCpuUsPerEvent, gcPauseMs, gcCount);
        }
    }

    static Snapshot now(OptionalLong brokerPid) {
        long gcMillis = 0;
        long gcCount = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcMillis += Math.max(0, gc.getCollectionTime());
            gcCount += Math.max(0, gc.getCollectionCount());
        }
        return new Snapshot(System.nanoTime(), appCpuNanos(), brokerPid.isPresent() ? cpuNanosOf(brokerPid.getAsLong()) : -1, gcMillis, gcCount);
    }

    private static long appCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** User + system CPU time of another process (on Linux from /proc/<pid>/stat, in clock ticks of 10 ms). */
    static long cpuNanosOf(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).map(Duration::toNanos).orElse(-1L);
    }
}
