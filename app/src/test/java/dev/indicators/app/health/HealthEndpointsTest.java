package dev.indicators.app.health;

import dev.indicators.app.HttpEndpoints;
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
    void the_running_pipeline_is_live_and_ready_with_every_part_up(Http http) {
        assertThat(http.get("/health/live").status()).isEqualTo(200);
        Http.Answer ready = http.get("/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().path("status").asText()).isEqualTo("UP");
        assertThat(ready.json().path("components").path("streams").path("detail").asText()).isEqualTo("state RUNNING");
        assertThat(ready.json().path("components").path("kafka").path("status").asText()).isEqualTo("UP");
        assertThat(ready.json().path("components").path("registry").path("status").asText()).isEqualTo("UP");
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
        try (KafkaReadiness deadKafka = new KafkaReadiness("127.0.0.1:" + closedPort);
             HttpEndpoints server = new HttpEndpoints("127.0.0.1", 0)) {
            HealthEndpoints health = new HealthEndpoints(List.of(streamsStarting, deadKafka, new RegistryReadiness(stack.confluentApiUrl())));
            server.mount("/health", "health", health.handler()).start();
            Http.Answer ready = new Http(server.baseUrl()).get("/health/ready");
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.json().path("status").asText()).isEqualTo("DOWN");
            assertThat(ready.json().path("notReady")).extracting(n -> n.asText()).containsExactly("streams", "kafka");
            assertThat(ready.json().path("components").path("kafka").path("detail").asText()).contains("127.0.0.1:" + closedPort);
            assertThat(ready.json().path("components").path("registry").path("status").asText()).isEqualTo("UP");
            assertThat(new Http(server.baseUrl()).get("/health/live").status()).isEqualTo(200);
        }
    }
}
