package dev.indicators.platform.kafka;

import dev.indicators.contract.access.KafkaClientSecurity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The stack's Kafka: one embedded broker (the default, what tests and a quick demo want), or a KRaft cluster of
 * several ({@code demo --brokers 3}) whose topics are replicated to three brokers and acknowledged by two
 * ({@link EmbeddedKafka#startCluster}), so that one broker can be killed under a running pipeline.
 */
public final class KafkaCluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaCluster.class);

    private final List<EmbeddedKafka> brokers;

    private KafkaCluster(List<EmbeddedKafka> brokers) {
        this.brokers = List.copyOf(brokers);
    }

    public static KafkaCluster start(KafkaOptions options, int brokers) {
        return new KafkaCluster(EmbeddedKafka.startCluster(options, brokers));
    }

    /** Every broker's {@code 127.0.0.1:<port>}, comma-separated, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return brokers.stream().map(EmbeddedKafka::bootstrapServers).collect(Collectors.joining(","));
    }

    public List<EmbeddedKafka> brokers() {
        return brokers;
    }

    /** The first broker (the only one by default). */
    public EmbeddedKafka first() {
        return brokers.get(0);
    }

    public KafkaClientSecurity adminClient() {
        return first().adminClient();
    }

    /**
     * What happened, once the cluster can no longer serve: its only broker exited, or a majority of its brokers did
     * (its controller quorum is lost). One broker of three gone is a fault the cluster rides out, not an end.
     */
    public Optional<String> unexpectedExit() {
        List<String> gone = brokers.stream().map(EmbeddedKafka::unexpectedExit).flatMap(Optional::stream).toList();
        if (gone.isEmpty() || gone.size() <= (brokers.size() - 1) / 2) return Optional.empty();
        return Optional.of(String.join("\n", gone));
    }

    @Override
    public void close() {
        for (EmbeddedKafka broker : brokers) {
            try {
                broker.close();
            } catch (RuntimeException e) {
                log.warn("could not stop {}: {}", broker, e.toString());
            }
        }
    }
}
