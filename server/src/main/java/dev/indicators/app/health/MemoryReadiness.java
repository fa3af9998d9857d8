package dev.indicators.app.health;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/**
 * The heap is not near exhaustion: the memory still in use after the last garbage collection is below a share of
 * the maximum heap (90 % by default). Measured after collection, not now, so that garbage awaiting collection does
 * not make readiness flap.
 */
public final class MemoryReadiness implements ReadinessCheck {

    private final double maxShare;

    public MemoryReadiness(double maxShare) {
        this.maxShare = maxShare;
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public Status check() {
        long max = Runtime.getRuntime().maxMemory();
        long live = liveAfterLastCollection();
        double share = (double) live / max;
        String detail = String.format("%d MB of %d MB heap in use after the last collection (%.0f %%, limit %.0f %%)",
                live >> 20, max >> 20, share * 100, maxShare * 100);
        return share < maxShare ? Status.ready(detail) : Status.notReady("heap near exhaustion: " + detail);
    }

    /** The heap in use after the last collection, summed over the heap pools. */
    static long liveAfterLastCollection() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() != MemoryType.HEAP) continue;
            MemoryUsage after = pool.getCollectionUsage();
            used += after != null ? after.getUsed() : pool.getUsage().getUsed();
        }
        return used;
    }
}
