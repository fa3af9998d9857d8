package dev.indicators.platform.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run the embedded broker.
 *
 * @param dataDir        its own directory: {@code server.properties}, {@code broker.log} and the log directory {@code data/}
 * @param port           client port on 127.0.0.1; 0 picks a free one
 * @param controllerPort KRaft controller port on 127.0.0.1; 0 picks a free one
 * @param maxHeap        the broker JVM's {@code -Xmx}
 * @param startTimeout   how long to wait for the broker to answer
 * @param overrides      broker properties set last (they win)
 * @param security       SASL/SCRAM and ACLs ({@code --secure}); empty: plaintext, no authorization (as before)
 */
public record KafkaOptions(Path dataDir, int port, int controllerPort, String maxHeap, Duration startTimeout,
                           Map<String, String> overrides, Optional<BrokerSecurity> security) {

    public KafkaOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        overrides = Map.copyOf(overrides);
        Objects.requireNonNull(security, "security");
    }

    public KafkaOptions(Path dataDir, int port, int controllerPort, String maxHeap, Duration startTimeout, Map<String, String> overrides) {
        this(dataDir, port, controllerPort, maxHeap, startTimeout, overrides, Optional.empty());
    }

    public KafkaOptions withSecurity(BrokerSecurity security) {
        return new KafkaOptions(dataDir, port, controllerPort, maxHeap, startTimeout, overrides, Optional.of(security));
    }

    public static KafkaOptions in(Path dataDir) {
        return new KafkaOptions(dataDir, 0, 0, "512m", Duration.ofMinutes(5), Map.of());
    }

    /** The same options for a broker whose directory is {@code dir} (a node of a cluster). */
    public KafkaOptions forNode(Path dir) {
        return new KafkaOptions(dir, port, controllerPort, maxHeap, startTimeout, overrides, security);
    }

    public KafkaOptions withPort(int port) {
        return new KafkaOptions(dataDir, port, controllerPort, maxHeap, startTimeout, overrides, security);
    }

    public KafkaOptions withControllerPort(int controllerPort) {
        return new KafkaOptions(dataDir, port, controllerPort, maxHeap, startTimeout, overrides, security);
    }

    public KafkaOptions withMaxHeap(String maxHeap) {
        return new KafkaOptions(dataDir, port, controllerPort, maxHeap, startTimeout, overrides, security);
    }

    public KafkaOptions withStartTimeout(Duration startTimeout) {
        return new KafkaOptions(dataDir, port, controllerPort, maxHeap, startTimeout, overrides, security);
    }

    public KafkaOptions withOverride(String key, String value) {
        Map<String, String> more = new HashMap<>(overrides);
        more.put(key, value);
        return new KafkaOptions(dataDir, port, controllerPort, maxHeap, startTimeout, more, security);
    }
}
