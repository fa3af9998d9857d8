package dev.indicators.contract.config;

import dev.indicators.contract.Settings;
import dev.indicators.contract.access.KafkaClientSecurity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsSpec {

    @Test
    void every_setting_has_a_default_its_own_parser_accepts_and_a_whole_sentence() {
        Settings none = Settings.of(Map.of());
        for (Setting<?> s : SettingCatalogue.all()) {
            assertThat(s.description()).as(s.name()).endsWith(".").hasSizeGreaterThan(20);
            s.defaultText().ifPresent(d -> assertThat(none.find(s)).as(s.name()).isNotNull());
        }
        assertThat(SettingCatalogue.all()).extracting(Setting::name).doesNotHaveDuplicates().hasSizeGreaterThan(60);
    }

    @Test
    void the_registry_url_has_one_default_for_every_reader() {
        assertThat(Settings.of(Map.of()).value(SettingCatalogue.REGISTRY_URL)).isEqualTo("http://127.0.0.1:8081/apis/registry/v3");
    }

    @Test
    void a_file_is_overridden_by_a_command_line_value(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("indicators.properties");
        Files.writeString(file, "INDICATORS_HTTP_PORT=9001\nindicators.http.host=0.0.0.0\nINDICATORS_LAG_INTERVAL=7s\n");
        Settings s = Settings.load(Optional.of(file), Map.of("INDICATORS_HTTP_PORT", "9002"));
        assertThat(s.value(SettingCatalogue.HTTP_PORT)).isEqualTo(9002);
        assertThat(s.value(SettingCatalogue.HTTP_HOST)).isEqualTo("0.0.0.0");
        assertThat(s.value(SettingCatalogue.LAG_INTERVAL)).isEqualTo(Duration.ofSeconds(7));
        assertThat(s.describe()).contains("INDICATORS_HTTP_PORT=9002    # command line", "INDICATORS_LAG_INTERVAL=7s    # file",
                "INDICATORS_APPLICATION_ID=indicator-pipeline    # default");
    }

    @Test
    void a_misspelt_setting_in_the_file_is_an_error_naming_it(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("indicators.properties");
        Files.writeString(file, "INDICATORS_HTTP_PROT=9001\n");
        assertThatThrownBy(() -> Settings.load(Optional.of(file), Map.of()))
                .hasMessageContaining("unknown setting INDICATORS_HTTP_PROT");
    }

    @Test
    void a_bad_value_is_an_error_naming_the_setting_the_value_and_the_kind() {
        assertThatThrownBy(() -> Settings.of(Map.of("INDICATORS_HTTP_PORT", "eighty")).value(SettingCatalogue.HTTP_PORT))
                .hasMessageContaining("INDICATORS_HTTP_PORT=eighty").hasMessageContaining("integer");
    }

    @Test
    void secrets_are_masked_when_printed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\n"
                + "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"a\" password=\"p\";\n"
                + "ssl.truststore.password=changeit\n");
        KafkaClientSecurity client = Settings.of(Map.of("INDICATORS_KAFKA_CLIENT_CONFIG", file.toString())).kafkaClientProperties();
        assertThat(client.applyTo(new java.util.HashMap<String, Object>())).containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        assertThat(client.shown()).containsEntry("sasl.jaas.config", "****").containsEntry("ssl.truststore.password", "****")
                .containsEntry("security.protocol", "SASL_PLAINTEXT");
        Setting<String> token = new Setting<>("INDICATORS_EXAMPLE_TOKEN", "x", "text", Optional.empty(), "unset",
                "A token for the example.", true, v -> v);
        assertThat(token.shown("s3cret")).isEqualTo("****");
    }
}
