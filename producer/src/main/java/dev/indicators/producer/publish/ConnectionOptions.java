package dev.indicators.producer.publish;

import dev.indicators.contract.Settings;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.contract.validation.EventLimits;
import dev.indicators.contract.validation.EventRules;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;

/**
 * The picocli options every command that talks to Kafka shares ({@code @Mixin ConnectionOptions connection;}):
 * where Kafka, the registry and the region table are. Each stands for a setting (its {@code descriptionKey}), whose
 * default the help shows through {@link dev.indicators.producer.cli.SettingDefaults}; given, it overrides the
 * file and the environment ({@link dev.indicators.producer.cli.ConfigOptions#settings()}).
 */
public class ConnectionOptions {

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", descriptionKey = "INDICATORS_BOOTSTRAP_SERVERS",
            description = "The Kafka bootstrap servers (INDICATORS_BOOTSTRAP_SERVERS; default: ${DEFAULT-VALUE}).")
    public String bootstrap;

    @Option(names = "--registry", paramLabel = "URL", descriptionKey = "INDICATORS_REGISTRY_URL",
            description = "The Apicurio Registry API URL (INDICATORS_REGISTRY_URL; default: ${DEFAULT-VALUE}).")
    public String registry;

    @Option(names = "--regions-file", paramLabel = "CSV", descriptionKey = "INDICATORS_REGIONS_FILE",
            description = "A region table (code,name_zh,name_en,level,parent_code) to validate against instead of the bundled one (INDICATORS_REGIONS_FILE).")
    public Path regionsFile;

    @Option(names = "--kafka-client-config", paramLabel = "FILE", descriptionKey = "INDICATORS_KAFKA_CLIENT_CONFIG",
            description = "A Kafka client properties file (security settings) merged into every Kafka client (INDICATORS_KAFKA_CLIENT_CONFIG).")
    public Path kafkaClientConfig;

    /** The publisher's settings; the options are already in {@code settings} when it came from ConfigOptions. */
    public PublisherSettings publisherSettings(Settings settings) {
        PublisherSettings s = PublisherSettings.fromSettings(settings);
        if (bootstrap != null) s = s.withBootstrapServers(bootstrap);
        if (registry != null) s = s.withRegistryUrl(registry);
        return s;
    }

    public RegionTable regions(Settings settings) {
        return regionsFile != null ? RegionTable.load(regionsFile) : RegionTable.fromSettings(settings);
    }

    public EventRules rules(Settings settings) {
        return new EventRules(regions(settings), EventLimits.fromSettings(settings), Clock.systemUTC());
    }
}
