package dev.indicators.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.indicators.app.access.TokenFile;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.platform.IndicatorStack;
import dev.indicators.platform.junit.SharedIndicatorStack;
import dev.indicators.producer.sample.PublishedFiguresSample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code demo --secure} hands out, on the shared secure stack. */
@ExtendWith(SharedIndicatorStack.Secure.class)
class DemoCredentialsTest {

    @Test
    void theCredentialsFileIsOwnerOnlyAndEverySampleDepartmentGetsAKafkaUserAndAScopedToken(IndicatorStack stack) throws Exception {
        Map<String, DemoCredentials.Scope> departments = DemoCredentials.departments(PublishedFiguresSample.load().events());
        assertThat(departments).containsKeys("qingpu-gov", "yangquan-justice");
        assertThat(departments.get("qingpu-gov").regions()).containsExactly("310118");

        DemoCredentials credentials = DemoCredentials.write(stack, departments);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials.file()))).isEqualTo("rw-------");
        JsonNode root = new ObjectMapper().readTree(credentials.file().toFile());
        assertThat(root.path("kafka").path("users").findValuesAsText("user")).contains("admin", "pipeline", "dashboard");
        JsonNode qingpu = null;
        for (JsonNode t : root.path("http").path("tokens")) if (t.path("id").asText().equals("qingpu-gov")) qingpu = t;
        assertThat(qingpu).isNotNull();
        assertThat(qingpu.path("department").asText()).isEqualTo("qingpu-gov");
        assertThat(qingpu.path("regions").get(0).asText()).isEqualTo("310118");
        assertThat(root.path("http").path("tokens").findValuesAsText("role")).contains("reader", "admin");

        // the server's tokens file holds only hashes, and they are the handed-out tokens'
        String hashed = Files.readString(java.nio.file.Path.of(root.path("http").path("tokensFile").asText()));
        assertThat(hashed).doesNotContain(qingpu.path("token").asText()).contains(TokenFile.sha256(qingpu.path("token").asText()));
        TokenFile file = new TokenFile(java.nio.file.Path.of(root.path("http").path("tokensFile").asText()), RegionTable.bundled());
        assertThat(file.find(qingpu.path("token").asText())).hasValueSatisfying(t -> assertThat(t.id()).isEqualTo("qingpu-gov"));
    }
}
