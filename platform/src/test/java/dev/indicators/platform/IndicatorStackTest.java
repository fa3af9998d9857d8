package dev.indicators.platform;

import dev.indicators.contract.Topics;
import dev.indicators.platform.junit.SharedIndicatorStack;
import dev.indicators.platform.provision.SchemaProvisioner;
import dev.indicators.platform.provision.TopicLayout;
import dev.indicators.platform.provision.TopicProvisioner;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(SharedIndicatorStack.class)
class IndicatorStackTest {

    @Test
    void runsABrokerAndARegistryOnTheLoopbackInterface(IndicatorStack stack) {
        assertThat(stack.bootstrapServers()).startsWith("127.0.0.1:");
        assertThat(stack.confluentApiUrl()).startsWith("http://127.0.0.1:").endsWith("/apis/ccompat/v7");
        assertThat(stack.registryUrl()).startsWith("http://127.0.0.1:").matches(".*/apis/registry/v[23]");
        assertThat(stack.kafka().isRunning()).isTrue();
        assertThat(stack.registry().isRunning()).isTrue();
        assertThat(stack.temporary()).isTrue();
    }

    @Test
    void aRecordProducedToAnInputTopicIsConsumedBack(IndicatorStack stack) throws Exception {
        String key = "QP-" + UUID.randomUUID();
        int partition = KafkaClients.send(stack.bootstrapServers(), stack.topics().reconsideration(), key, "applied");

        Optional<ConsumerRecord<String, String>> found =
                KafkaClients.find(stack.bootstrapServers(), stack.topics().reconsideration(), partition, key, Duration.ofSeconds(20));

        assertThat(found).hasValueSatisfying(r -> assertThat(r.value()).isEqualTo("applied"));
    }

    @Test
    void inputAndDeadLetterTopicsHaveThreePartitionsAndKeepRecordsForever(IndicatorStack stack) throws Exception {
        Topics topics = stack.topics();
        List<String> names = new java.util.ArrayList<>(topics.inputs());
        names.add(topics.deadLetter());
        assertThat(names).contains("indicators.litigation.v1");
        try (Admin admin = KafkaClients.admin(stack.bootstrapServers())) {
            Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(descriptions.values()).allSatisfy(d -> assertThat(d.partitions()).hasSize(3));
            for (String name : names) {
                Config config = topicConfig(admin, name);
                assertThat(config.get("cleanup.policy").value()).as(name).isEqualTo("delete");
                assertThat(config.get("retention.ms").value()).as(name).isEqualTo("-1");
            }
        }
    }

    @Test
    void theTotalsTopicIsCompacted(IndicatorStack stack) throws Exception {
        try (Admin admin = KafkaClients.admin(stack.bootstrapServers())) {
            assertThat(topicConfig(admin, stack.topics().totals()).get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(admin.describeTopics(List.of(stack.topics().totals())).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(stack.topics().totals()).partitions()).hasSize(3);
        }
    }

    @Test
    void aTransactionCommitsOnTheSingleBroker(IndicatorStack stack) throws Exception {
        // What Kafka Streams exactly_once_v2 does: needs the transaction log settings of a one-broker cluster.
        String key = "tx-" + UUID.randomUUID();
        int partition;
        try (KafkaProducer<String, String> producer = KafkaClients.producer(stack.bootstrapServers(),
                Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "platform-test-" + UUID.randomUUID()))) {
            producer.initTransactions();
            producer.beginTransaction();
            partition = producer.send(new ProducerRecord<>(stack.topics().totals(), key, "1.0")).get(30, TimeUnit.SECONDS).partition();
            producer.commitTransaction();
        }

        assertThat(KafkaClients.find(stack.bootstrapServers(), stack.topics().totals(), partition, key, Duration.ofSeconds(20)))
                .hasValueSatisfying(r -> assertThat(r.value()).isEqualTo("1.0"));
    }

    @Test
    void provisioningAgainChangesNothing(IndicatorStack stack) {
        List<String> created = new TopicProvisioner(stack.bootstrapServers()).provision(TopicLayout.of(stack.topics(), 3));
        Map<String, Integer> ids = new SchemaProvisioner(stack.confluentApiUrl()).provision(stack.topics());

        assertThat(created).isEmpty();
        assertThat(ids).isEqualTo(stack.schemaIds());
    }

    private static Config topicConfig(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
    }
}
