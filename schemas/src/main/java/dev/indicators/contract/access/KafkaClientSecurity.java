package dev.indicators.contract.access;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How every Kafka client of the project authenticates: the properties of a Kafka client properties file (what Kafka's
 * own tools take as {@code --command-config}: {@code security.protocol}, {@code sasl.mechanism},
 * {@code sasl.jaas.config}, {@code ssl.truststore.*}), named by {@code INDICATORS_KAFKA_CLIENT_CONFIG}, merged into
 * every client's properties by {@link #applyTo(Map)} (producers, the streams app, admin clients, consumers).
 * Without the setting the clients connect in plaintext, as before. The one type of these properties: read once
 * ({@code Settings.kafkaClientProperties()}), carried by {@code KafkaConnection}, printed masked ({@link #shown()}).
 * Every client builder applies them after its own settings, so the file wins (a cluster's security cannot be
 * overridden by a tuning default); the streams app gets them unprefixed, which Kafka Streams passes to all its clients.
 *
 * <p>A properties file, rather than one setting per knob, because it is the format operators already have for Kafka's
 * tools, and it carries TLS and SASL options we did not foresee without a new setting each.
 *
 * @param properties the client properties (may hold a password: never log them, see {@link #toString()})
 * @param source     the file they came from, if any
 */
public record KafkaClientSecurity(Map<String, String> properties, Optional<Path> source) {

    /** The setting naming the file (declared with its default and description in {@code SettingCatalogue}). */
    public static final String SETTING = "INDICATORS_KAFKA_CLIENT_CONFIG";

    private static final Pattern USERNAME = Pattern.compile("username\\s*=\\s*\"([^\"]*)\"");

    public KafkaClientSecurity {
        properties = Map.copyOf(properties);
        source = source == null ? Optional.empty() : source;
    }

    /** Plaintext, no authentication. */
    public static KafkaClientSecurity none() {
        return new KafkaClientSecurity(Map.of(), Optional.empty());
    }

    /** Reads a Kafka client properties file; {@code bootstrap.servers} in it is an error (one cluster for every tool). */
    public static KafkaClientSecurity load(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Kafka client properties " + file + " (" + SETTING + "): " + e.getMessage(), e);
        }
        Map<String, String> values = new TreeMap<>();
        p.forEach((k, v) -> values.put(k.toString().trim(), v.toString().trim()));
        if (values.containsKey("bootstrap.servers")) {
            throw new IllegalArgumentException(file + " (" + SETTING + ") sets bootstrap.servers; set INDICATORS_BOOTSTRAP_SERVERS instead, so every tool sees the same cluster");
        }
        return new KafkaClientSecurity(values, Optional.of(file));
    }

    /** SCRAM (or PLAIN) credentials over SASL_PLAINTEXT: what the embedded stack's {@code --secure} mode speaks. */
    public static KafkaClientSecurity scram(String user, String password) {
        return new KafkaClientSecurity(Map.of(
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + user + "\" password=\"" + password + "\";"), Optional.empty());
    }

    /** The one place client security reaches a client: adds these properties (they win over what is there). */
    public <M extends Map<? super String, Object>> M applyTo(M clientProperties) {
        clientProperties.putAll(properties);
        return clientProperties;
    }

    /** The same into a {@link Properties} configuration; returns the same object. */
    public Properties applyTo(Properties clientProperties) {
        clientProperties.putAll(properties);
        return clientProperties;
    }

    /** {@code bootstrap.servers} plus these properties: the base of an admin client or a consumer. */
    public Map<String, Object> clientProperties(String bootstrapServers) {
        Map<String, Object> p = new java.util.HashMap<>();
        p.put("bootstrap.servers", bootstrapServers);
        return applyTo(p);
    }

    public boolean authenticates() {
        return properties.containsKey("sasl.jaas.config");
    }

    /** The SASL user name these credentials log in as (the principal the broker sees), if any. */
    public Optional<String> principal() {
        return principalOf(properties.get("sasl.jaas.config"));
    }

    /** The {@code username="..."} of a JAAS configuration. */
    public static Optional<String> principalOf(Object jaasConfig) {
        if (jaasConfig == null) return Optional.empty();
        Matcher m = USERNAME.matcher(jaasConfig.toString());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
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

    /** Never the password: only the protocol, the mechanism, the user and the file. */
    @Override
    public String toString() {
        return "KafkaClientSecurity[" + properties.getOrDefault("security.protocol", "PLAINTEXT")
                + principal().map(u -> ", user " + u).orElse("") + source.map(s -> ", from " + s).orElse("") + "]";
    }
}
