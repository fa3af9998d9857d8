package dev.indicators.app.lag;

import dev.indicators.platform.IndicatorStack;
import dev.indicators.platform.junit.SharedIndicatorStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("consumer lag is measured to what a read_committed consumer can read")
@ExtendWith(SharedIndicatorStack.class)
class TransactionMarkerLagTest {

    @Test
    void a_group_that_has_read_every_record_of_a_committed_transaction_has_no_lag_although_the_marker_follows(IndicatorStack stack) throws Exception {
        String topic = "marker-lag-" + UUID.randomUUID().toString().substring(0, 8);
        String group = topic + "-group";
        TopicPartition tp = new TopicPartition(topic, 0);
        Map<String, Object> admin = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        try (Admin a = Admin.create(admin)) {
            a.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        // Given three records written in one exactly-once transaction (offsets 0-2; the commit marker takes offset 3)
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, topic + "-tx"), new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 3; i++) producer.send(new ProducerRecord<>(topic, 0, "k" + i, "v" + i));
            producer.commitTransaction();
        }
        // And a group that committed its position after the last record, before the marker
        try (Admin a = Admin.create(admin)) {
            a.alterConsumerGroupOffsets(group, Map.of(tp, new OffsetAndMetadata(3))).all().get(30, TimeUnit.SECONDS);
        }
        try (ConsumerGroupLagSampler sampler = new ConsumerGroupLagSampler(stack.bootstrapServers())) {
            PartitionLag lag = sampler.sample(group).partitions().get(0);
            // Then the marker is no lag: there is nothing left to read
            assertThat(lag.endOffset()).as("the log end is past the marker").isEqualTo(4);
            assertThat(lag.offsetLag()).isZero();
            assertThat(lag.secondsLag()).isZero();
        }
        // And a group one record behind still shows that record
        String behind = group + "-behind";
        try (Admin a = Admin.create(admin)) {
            a.alterConsumerGroupOffsets(behind, Map.of(tp, new OffsetAndMetadata(2))).all().get(30, TimeUnit.SECONDS);
        }
        try (ConsumerGroupLagSampler sampler = new ConsumerGroupLagSampler(stack.bootstrapServers())) {
            assertThat(sampler.sample(behind).partitions().get(0).offsetLag()).isPositive();
        }
    }
}
