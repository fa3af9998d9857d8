package dev.indicators.streams.app;

import java.util.Locale;

/** Where state stores keep their data locally; both are changelogged to Kafka, so both are fault-tolerant. */
public enum StoreKind {
    /** RocksDB under the state directory: restarts restore only what changed since the last checkpoint. */
    PERSISTENT,
    /** Heap only: every restart restores the whole changelog. For tests and small demos. */
    IN_MEMORY;

    public static StoreKind parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "persistent", "rocksdb" -> PERSISTENT;
            case "in-memory", "memory" -> IN_MEMORY;
            default -> throw new IllegalArgumentException("store kind '" + text + "': expected persistent or in-memory");
        };
    }
}
