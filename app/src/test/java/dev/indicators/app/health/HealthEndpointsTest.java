package dev.indicators.app.health;

import dev.indicators.app.PipelineServer;
import dev.indicators.app.http.ApiServer;
import dev.indicators.app.http.HealthRoutes;
import dev.indicators.app.http.HttpSettings;
import dev.indicators.app.support.Http;
import dev.indicators.app.support.SharedPipeline;
import dev.indicators.platform.IndicatorStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.ServerSocket;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Liveness and readiness as a load balancer or Kubernetes sees them. */
@ExtendWith(SharedPipeline.class)
class HealthEndpointsTest {

    @Test
    void the_running_pipeline_is_live_and_ready_with_every_part_up(PipelineServer server, Http http) {
        assertThat(http.get("/health/live").status()).isEqualTo(200);
        Http.Answer ready = http.get("/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().path("status").asText()).isEqualTo("UP");
        int threads = server.streams().settings().threads();
        assertThat(ready.json().path("components").path("streams").path("detail").asText())
                .startsWith("state RUNNING, " + threads + " of " + threads + " stream threads alive");
        assertThat(ready.json().path("components").path("lag-monitor").path("status").asText()).isEqualTo("UP");
        assertThat(ready.json().path("components").path("memory").path("status").asText()).isEqualTo("UP");
        assertThat(ready.json().path("components").path("kafka").path("status").asText()).isEqualTo("UP");
        assertThat(ready.json().path("components").path("registry").path("status").asText()).isEqualTo("UP");
        // which instance this is, where the others reach it, and which totals it serves
        assertThat(ready.json().path("components").path("instance").path("detail").asText())
                .startsWith(server.configuration().instanceId() + " at " + server.configuration().advertisedUrl() + ": streams RUNNING")
                .contains("serving totals tasks [");
    }

    @Test
    void readiness_names_the_part_that_is_not_ready(IndicatorStack stack) throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        ReadinessCheck streamsStarting = new ReadinessCheck() {
            public String name() {
                return "streams";
            }

            public Status check() {
                return Status.notReady("state REBALANCING");
            }
        };
        ReadinessCheck nearlyFull = new MemoryReadiness(0.0);
        try (KafkaReadiness deadKafka = new KafkaReadiness("127.0.0.1:" + closedPort);
             ApiServer server = ApiServer.start(HttpSettings.defaults().withAddress("127.0.0.1", 0),
                     List.of(new HealthRoutes(new Readiness(List.of(streamsStarting, deadKafka, new RegistryReadiness(stack.confluentApiUrl()), nearlyFull)))), null)) {
            Http.Answer ready = new Http(server.baseUrl()).get("/health/ready");
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.json().path("status").asText()).isEqualTo("DOWN");
            assertThat(ready.json().path("notReady")).extracting(n -> n.asText()).containsExactly("streams", "kafka", "memory");
            assertThat(ready.json().path("components").path("memory").path("detail").asText()).startsWith("heap near exhaustion: ");
            assertThat(ready.json().path("components").path("kafka").path("detail").asText()).contains("127.0.0.1:" + closedPort);
            assertThat(ready.json().path("components").path("registry").path("status").asText()).isEqualTo("UP");
            assertThat(new Http(server.baseUrl()).get("/health/live").status()).isEqualTo(200);
        }
    }

    @Test
    void readiness_fails_naming_the_registry_when_the_registry_does_not_answer() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String deadRegistry = "http://127.0.0.1:" + closedPort + "/apis/ccompat/v7";
        try (ApiServer server = ApiServer.start(HttpSettings.defaults().withAddress("127.0.0.1", 0),
                List.of(new HealthRoutes(new Readiness(List.of(new RegistryReadiness(deadRegistry))))), null)) {
            Http.Answer ready = new Http(server.baseUrl()).get("/health/ready");
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.json().path("notReady")).extracting(n -> n.asText()).containsExactly("registry");
            assertThat(ready.json().path("components").path("registry").path("status").asText()).isEqualTo("DOWN");
            assertThat(ready.json().path("components").path("registry").path("detail").asText()).contains("127.0.0.1:" + closedPort);
            assertThat(new Http(server.baseUrl()).get("/health/live").status()).as("liveness does not depend on the registry").isEqualTo(200);
        }
    }
}
