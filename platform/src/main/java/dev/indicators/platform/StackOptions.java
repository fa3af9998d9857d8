package dev.indicators.platform;

import dev.indicators.contract.Settings;
import dev.indicators.contract.Topics;
import dev.indicators.contract.config.SettingCatalogue;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link IndicatorStack} runs.
 *
 * @param dataDir            empty: a temporary directory, deleted on close (tests); present: kept, and a restart on it
 *                           finds the topics, records and schemas again (demo with {@code --data-dir})
 * @param partitions         partitions of every pipeline topic
 * @param kafkaPort          broker port on 127.0.0.1; 0 picks a free one
 * @param registryPort       registry HTTP port on 127.0.0.1; 0 picks a free one
 * @param persistentRegistry keep schemas in Kafka (kafkasql) rather than in memory; {@link #withDataDir} turns it on,
 *                           since records kept without their schemas could not be read
 * @param topics             the topic names
 * @param registryVersion    a registry distribution to insist on (e.g. the 2.x fallback); empty chooses by the JDKs found
 * @param security           secure mode ({@code --secure}): SASL/SCRAM users and ACLs for these roles, a write-protected
 *                           registry; empty: plaintext and open, as for local development
 * @param brokers            Kafka brokers: 1 (default) is one embedded broker; 3 a KRaft cluster whose topics have
 *                           replication factor 3 and {@code min.insync.replicas} 2 ({@code demo --brokers 3})
 */
public record StackOptions(Optional<Path> dataDir, int partitions, int kafkaPort, int registryPort,
                           boolean persistentRegistry, Topics topics, Optional<String> registryVersion,
                           Optional<dev.indicators.platform.access.AccessRoles> security, int brokers) {

    public static final int DEFAULT_PARTITIONS = 3;

    public StackOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(registryVersion, "registryVersion");
        Objects.requireNonNull(security, "security");
        if (brokers < 1) {
            throw new IllegalArgumentException("brokers must be at least 1, not " + brokers);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, not " + partitions);
        }
    }

    /** A throw-away stack on free ports, 3 partitions, topic names from the environment. */
    public static StackOptions defaults() {
        return new StackOptions(Optional.empty(), DEFAULT_PARTITIONS, 0, 0, false, Topics.fromEnvironment(), Optional.empty(), Optional.empty(), 1);
    }

    /**
     * Defaults overridden by {@code INDICATORS_DATA_DIR}, {@code INDICATORS_PARTITIONS}, {@code INDICATORS_KAFKA_PORT},
     * {@code INDICATORS_REGISTRY_PORT}, {@code INDICATORS_REGISTRY_PERSISTENT} and {@code INDICATORS_REGISTRY_VERSION}
     * (or the {@code -Dindicators.*} system properties of the same names).
     */
    public static StackOptions fromSettings(Settings settings) {
        StackOptions options = defaults().withTopics(Topics.fromEnvironment(settings));
        Optional<Path> dir = settings.find(SettingCatalogue.DATA_DIR);
        if (dir.isPresent()) {
            options = options.withDataDir(dir.get());
        }
        return options
                .withPartitions(settings.value(SettingCatalogue.PARTITIONS))
                .withKafkaPort(settings.value(SettingCatalogue.KAFKA_PORT))
                .withRegistryPort(settings.value(SettingCatalogue.REGISTRY_PORT))
                .withPersistentRegistry(settings.find(SettingCatalogue.REGISTRY_PERSISTENT).orElse(options.persistentRegistry()))
                .withRegistryVersion(settings.find(SettingCatalogue.REGISTRY_VERSION));
    }

    /** Keeps everything in {@code dir} (and turns on persistent registry storage). */
    public StackOptions withDataDir(Path dir) {
        return new StackOptions(Optional.of(dir), partitions, kafkaPort, registryPort, true, topics, registryVersion, security, brokers);
    }

    public StackOptions withPartitions(int partitions) {
        return new StackOptions(dataDir, partitions, kafkaPort, registryPort, persistentRegistry, topics, registryVersion, security, brokers);
    }

    public StackOptions withKafkaPort(int kafkaPort) {
        return new StackOptions(dataDir, partitions, kafkaPort, registryPort, persistentRegistry, topics, registryVersion, security, brokers);
    }

    public StackOptions withRegistryPort(int registryPort) {
        return new StackOptions(dataDir, partitions, kafkaPort, registryPort, persistentRegistry, topics, registryVersion, security, brokers);
    }

    public StackOptions withPersistentRegistry(boolean persistentRegistry) {
        return new StackOptions(dataDir, partitions, kafkaPort, registryPort, persistentRegistry, topics, registryVersion, security, brokers);
    }

    public StackOptions withTopics(Topics topics) {
        return new StackOptions(dataDir, partitions, kafkaPort, registryPort, persistentRegistry, topics, registryVersion, security, brokers);
    }

    /** Secure mode for these roles. */
    public StackOptions withSecurity(dev.indicators.platform.access.AccessRoles roles) {
        return new StackOptions(dataDir, partitions, kafkaPort, registryPort, persistentRegistry, topics, registryVersion, Optional.of(roles), brokers);
    }

    /** A KRaft cluster of {@code brokers} (1: the single embedded broker). */
    public StackOptions withBrokers(int brokers) {
        return new StackOptions(dataDir, partitions, kafkaPort, registryPort, persistentRegistry, topics, registryVersion, security, brokers);
    }

    public StackOptions withRegistryVersion(Optional<String> registryVersion) {
        return new StackOptions(dataDir, partitions, kafkaPort, registryPort, persistentRegistry, topics, registryVersion, security, brokers);
    }
}
