package dev.indicators.contract.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Kafka client properties that every client of the process gets (admin, producer, consumer, the streams app):
 * the place for a cluster's security settings ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}), read once
 * from the file {@code INDICATORS_KAFKA_CLIENT_CONFIG} names. Every client builder calls {@link #applyTo(Map)}
 * on its configuration, after its own settings, so the file wins (a cluster's security cannot be overridden by a
 * tuning default). The streams app gets them unprefixed, which Kafka Streams passes to all its clients.
 */
public record KafkaClientProperties(Optional<Path> source, Map<String, String> properties) {

    public KafkaClientProperties {
        properties = Map.copyOf(properties);
    }

    public static KafkaClientProperties none() {
        return new KafkaClientProperties(Optional.empty(), Map.of());
    }

    public static KafkaClientProperties read(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Kafka client properties " + file + " (INDICATORS_KAFKA_CLIENT_CONFIG): " + e.getMessage(), e);
        }
        Map<String, String> m = new TreeMap<>();
        p.forEach((k, v) -> m.put(k.toString().trim(), v.toString().trim()));
        if (m.containsKey("bootstrap.servers")) {
            throw new IllegalArgumentException(file + " (INDICATORS_KAFKA_CLIENT_CONFIG) sets bootstrap.servers; set INDICATORS_BOOTSTRAP_SERVERS instead, so every tool sees the same cluster");
        }
        return new KafkaClientProperties(Optional.of(file), m);
    }

    /** Puts these properties into a client's configuration, over what it has; returns the same map. */
    public <M extends Map<? super String, Object>> M applyTo(M config) {
        config.putAll(properties);
        return config;
    }

    /** Puts these properties into a client's configuration, over what it has; returns the same object. */
    public Properties applyTo(Properties config) {
        config.putAll(properties);
        return config;
    }

    /** The properties as printed: values of passwords, secrets, keys and JAAS lines masked. */
    public Map<String, String> shown() {
        Map<String, String> m = new TreeMap<>();
        properties.forEach((k, v) -> m.put(k, isSecret(k) ? "****" : v));
        return m;
    }

    /** {@code sasl.jaas.config}, {@code ssl.key.password}, {@code ssl.keystore.password}, anything naming a secret or token. */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("jaas") || k.contains("token")
                || k.endsWith(".key") || k.contains("credentials");
    }
}
