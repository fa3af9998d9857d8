package dev.indicators.contract.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigurationReferenceTest {

    private static final Path REFERENCE = Path.of("..", "docs", "configuration.md");

    @Test
    void the_committed_configuration_reference_lists_every_setting_as_the_catalogue_declares_it() throws IOException {
        String generated = ConfigurationReference.markdown();
        if (Boolean.getBoolean("indicators.reference.write")) {
            ConfigurationReference.main(new String[]{REFERENCE.toString()});
        }
        assertThat(Files.readString(REFERENCE, StandardCharsets.UTF_8))
                .as("docs/configuration.md is stale: rerun with -Dindicators.reference.write=true")
                .isEqualTo(generated);
        for (Setting<?> s : SettingCatalogue.all()) assertThat(generated).contains("`" + s.name() + "`");
    }
}
