package dev.indicators.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * The bench JVM's peak heap use: sampled every 50 ms (the total in use at one moment), and never less than the
 * largest peak of a single heap pool. Covers the producer, consumers and the streams app, which share this JVM;
 * RocksDB's memory is native and not in it, nor is the broker, which runs in its own process.
 */
final class HeapSampler implements AutoCloseable {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long peak;
    private volatile long peakLive;

    HeapSampler() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) pool.resetPeakUsage();
        }
        thread = new Thread(this::sample, "bench-heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        while (running) {
            peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
            peakLive = Math.max(peakLive, afterLastCollection());
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    long peakBytes() {
        long p = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) p = Math.max(p, pool.getPeakUsage().getUsed());
        }
        return p;
    }

    /** The heap in use just after the last collection of each pool, summed: the live data, garbage left out. */
    private static long afterLastCollection() {
        long live = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) live += pool.getCollectionUsage().getUsed();
        }
        return live;
    }

    long peakLiveBytes() {
        return Math.max(peakLive, afterLastCollection());
    }

    static long maxHeapBytes() {
        return Runtime.getRuntime().maxMemory();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
