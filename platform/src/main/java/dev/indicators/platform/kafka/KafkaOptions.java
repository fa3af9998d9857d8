package dev.indicators.platform.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to run the embedded broker.
 *
 * @param dataDir        its own directory: {@code server.properties}, {@code broker.log} and the log directory {@code data/}
 * @param port           client port on 127.0.0.1; 0 picks a free one
 * @param controllerPort KRaft controller port on 127.0.0.1; 0 picks a free one
 * @param maxHeap        the broker JVM's {@code -Xmx}
 * @param startTimeout   how long to wait for the broker to answer
 * @param overrides      broker properties set last (they win)
 */
public record KafkaOptions(Path dataDir, int port, int controllerPort, String maxHeap, Duration startTimeout,
                           Map<String, String> overrides) {

    public KafkaOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        overrides = Map.copyOf(overrides);
    }

    public static KafkaOptions in(Path dataDir) {
        return new KafkaOptions(dataDir, 0, 0, "512m", Duration.ofMinutes(5), Map.of());
    }

    public KafkaOptions withPort(int port) {
        return new KafkaOptions(dataDir, port, controllerPort, maxHeap, startTimeout, overrides);
    }

    public KafkaOptions withControllerPort(int controllerPort) {
        return new KafkaOptions(dataDir, port, controllerPort, maxHeap, startTimeout, overrides);
    }

    public KafkaOptions withMaxHeap(String maxHeap) {
        return new KafkaOptions(dataDir, port, controllerPort, maxHeap, startTimeout, overrides);
    }

    public KafkaOptions withStartTimeout(Duration startTimeout) {
        return new KafkaOptions(dataDir, port, controllerPort, maxHeap, startTimeout, overrides);
    }

    public KafkaOptions withOverride(String key, String value) {
        Map<String, String> more = new HashMap<>(overrides);
        more.put(key, value);
        return new KafkaOptions(dataDir, port, controllerPort, maxHeap, startTimeout, more);
    }
}
