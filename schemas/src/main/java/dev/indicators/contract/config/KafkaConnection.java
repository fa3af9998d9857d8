package dev.indicators.contract.config;

import dev.indicators.contract.access.KafkaClientSecurity;

import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Where a Kafka client connects and with which client properties (security): what every admin, consumer and
 * producer of the process is built from, so that a cluster needing SASL or TLS needs it said once
 * ({@code INDICATORS_BOOTSTRAP_SERVERS}, {@code INDICATORS_KAFKA_CLIENT_CONFIG}).
 */
public record KafkaConnection(String bootstrapServers, KafkaClientSecurity client) {

    public KafkaConnection {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(client, "client");
    }

    /** A cluster without client properties (the embedded broker, tests). */
    public static KafkaConnection plain(String bootstrapServers) {
        return new KafkaConnection(bootstrapServers, KafkaClientSecurity.none());
    }

    /** Sets the bootstrap servers and the client properties into a client's configuration, over what it has. */
    public Properties applyTo(Properties config) {
        config.put("bootstrap.servers", bootstrapServers);
        return client.applyTo(config);
    }

    /** Sets the bootstrap servers and the client properties into a client's configuration, over what it has. */
    public <M extends Map<? super String, Object>> M applyTo(M config) {
        config.put("bootstrap.servers", bootstrapServers);
        return client.applyTo(config);
    }
}
