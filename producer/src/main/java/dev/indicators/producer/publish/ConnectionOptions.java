package dev.indicators.producer.publish;

import dev.indicators.contract.Settings;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.contract.validation.EventLimits;
import dev.indicators.contract.validation.EventRules;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;

/**
 * The picocli options every publishing command shares ({@code @Mixin ConnectionOptions connection;}):
 * where Kafka, the registry and the region table are. Each overrides its environment setting.
 */
public class ConnectionOptions {

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (default: $INDICATORS_BOOTSTRAP_SERVERS or " + PublisherSettings.DEFAULT_BOOTSTRAP + ")")
    public String bootstrap;

    @Option(names = "--registry", paramLabel = "URL",
            description = "Apicurio registry API URL (default: $INDICATORS_REGISTRY_URL or " + PublisherSettings.DEFAULT_REGISTRY + ")")
    public String registry;

    @Option(names = "--regions-file", paramLabel = "CSV",
            description = "region table (code,name_zh,name_en,level,parent_code) to validate against (default: $INDICATORS_REGIONS_FILE or the bundled table)")
    public Path regionsFile;

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
