package dev.indicators.producer.publish;

import dev.indicators.contract.Settings;
import dev.indicators.contract.serde.SchemaIdCachingSerializer;
import io.apicurio.registry.serde.strategy.TopicIdStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The one producer configuration of the project. */
class ProducerConfigsTest {

    @Test
    void the_producer_is_idempotent_with_acks_all_and_tuned_for_throughput() {
        Map<String, Object> p = ProducerConfigs.producerProperties(PublisherSettings.defaults());
        assertThat(p).containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5)
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 20)
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092")
                .containsEntry(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, SchemaIdCachingSerializer.class.getName());
    }

    @Test
    void the_serializer_finds_schemas_under_the_confluent_topic_subject_and_registers_them_when_absent() {
        Map<String, Object> p = ProducerConfigs.producerProperties(PublisherSettings.defaults());
        assertThat(p).containsEntry("apicurio.registry.url", "http://127.0.0.1:8081/apis/registry/v3")
                .containsEntry("apicurio.registry.artifact-resolver-strategy", TopicIdStrategy.class.getName())
                .containsEntry("apicurio.registry.auto-register", true)
                // the defaults that make Confluent's wire format: no headers, 4-byte ids
                .doesNotContainKeys("apicurio.registry.headers.enabled", "apicurio.registry.id-handler");
    }

    @Test
    void settings_come_from_the_environment_and_a_bare_registry_address_gets_the_v3_api_path() {
        PublisherSettings s = PublisherSettings.fromSettings(Settings.of(Map.of(
                "INDICATORS_BOOTSTRAP_SERVERS", "kafka:9092",
                "INDICATORS_REGISTRY_URL", "http://registry:8080/",
                "INDICATORS_PRODUCER_LINGER", "50ms",
                "INDICATORS_TOPIC_MEDIATION", "test.mediation")));
        assertThat(s.bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(s.registryUrl()).isEqualTo("http://registry:8080/apis/registry/v3");
        assertThat(s.linger()).isEqualTo(Duration.ofMillis(50));
        assertThat(s.topics().mediation()).isEqualTo("test.mediation");
        assertThat(s.withRegistryUrl("http://r:1/apis/registry/v2").registryUrl()).isEqualTo("http://r:1/apis/registry/v2");
    }

    @Test
    void a_send_timeout_bounds_every_wait_and_stays_a_valid_kafka_configuration() {
        PublisherSettings s = PublisherSettings.defaults().withSendTimeout(Duration.ofSeconds(2));
        Map<String, Object> p = ProducerConfigs.producerProperties(s);
        assertThat(p).containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000L)
                .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        int delivery = (int) p.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
        assertThat(delivery).isGreaterThanOrEqualTo(2000 + 20); // Kafka requires delivery >= linger + request
    }

    @Test
    void extra_properties_win() {
        Map<String, Object> p = ProducerConfigs.producerProperties(PublisherSettings.defaults().withExtra(Map.of("linger.ms", 0)));
        assertThat(p).containsEntry("linger.ms", 0);
    }
}
