package dev.indicators.app;

import dev.indicators.app.support.SharedPipeline;
import dev.indicators.contract.avro.ReconsiderationEvent;
import dev.indicators.contract.avro.ReconsiderationStage;
import dev.indicators.platform.IndicatorStack;
import dev.indicators.producer.publish.PublishResult;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an input record's Kafka timestamp is (docs/design.md, Topics): the time it was published, set by the
 * publisher (CreateTime), not the event's {@code occurredAt}, which travels in the payload and alone dates the counts.
 * Lag in seconds and end-to-end latency are measured from it, and infinite retention never meets a years-old stamp.
 */
@DisplayName("an input record is stamped with the time it was published, its occurredAt stays in the payload")
@ExtendWith(SharedPipeline.class)
class RecordTimestampTest {

    @Test
    void a_record_of_an_event_from_2001_carries_its_publication_time(PipelineServer server, IndicatorStack stack) throws Exception {
        Instant occurred = Instant.parse("2001-05-05T02:00:00Z");
        ReconsiderationEvent event = new ReconsiderationEvent("timestamp-spec-2001-0001", "511304", "jialing-gov",
                occurred, "TS-2001-0001", ReconsiderationStage.APPLIED, null);
        long before = System.currentTimeMillis();
        PublishResult sent = server.publisher().publish(event).get(30, TimeUnit.SECONDS);
        long after = System.currentTimeMillis();

        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(sent.topic(), sent.partition());
            consumer.assign(List.of(tp));
            consumer.seek(tp, sent.offset());
            ConsumerRecord<byte[], byte[]> record = null;
            for (int i = 0; i < 50 && record == null; i++) {
                record = consumer.poll(Duration.ofMillis(200)).records(tp).stream()
                        .filter(r -> r.offset() == sent.offset()).findFirst().orElse(null);
            }
            assertThat(record).as("the record at %s", sent).isNotNull();
            assertThat(record.timestampType()).isEqualTo(TimestampType.CREATE_TIME);
            assertThat(record.timestamp()).isBetween(before, after).isNotEqualTo(occurred.toEpochMilli());
        }
    }
}
