package dev.indicators.platform.registry;

import dev.indicators.contract.Topics;
import dev.indicators.platform.provision.ConfluentSchemaApi;
import dev.indicators.platform.provision.SchemaProvisioner;
import dev.indicators.platform.provision.SchemaRegistryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

/** The Java 17 fallback (Apicurio Registry 2.x) does the same job, on machines without a JDK 21+. */
class FallbackRegistryTest {

    @TempDir
    Path dataDir;

    @Test
    void theFallbackRegistryProvisionsSchemasAndEnforcesBackwardCompatibility() {
        RegistryDistribution fallback = RegistryDistribution.fallback();
        assumeThat(fallback.isUnpacked()).as("built with -Dapicurio.fallback.skip").isTrue();

        try (EmbeddedRegistry registry = EmbeddedRegistry.start(RegistryOptions.in(dataDir).withVersion(fallback.version()))) {
            Map<String, Integer> ids = new SchemaProvisioner(registry.confluentApiUrl()).provision(Topics.defaults());
            ConfluentSchemaApi api = new ConfluentSchemaApi(registry.confluentApiUrl());
            String subject = "indicators.totals.v1-value";
            String incompatible = "{\"type\":\"record\",\"name\":\"IndicatorTotal\",\"namespace\":\"dev.indicators.contract.avro\","
                    + "\"fields\":[{\"name\":\"somethingElse\",\"type\":\"string\"}]}";

            assertThat(registry.version()).isEqualTo(fallback.version());
            assertThat(registry.apicurioApiUrl()).endsWith("/apis/registry/v2");
            assertThat(ids).as("one subject per event type, and the totals").hasSize(dev.indicators.contract.EventType.values().length + 1);
            assertThat(api.compatibility(subject)).isEqualTo("BACKWARD");
            assertThat(catchThrowableOfType(SchemaRegistryException.class, () -> api.register(subject, incompatible)).status())
                    .isEqualTo(409);
        }
    }
}
