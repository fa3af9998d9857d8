package dev.indicators.app.targets;

import dev.indicators.contract.config.KafkaConnection;
import dev.indicators.contract.config.TopicCreation;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The compacted alerts topic: target flips as JSON {@link TargetAlert} records keyed {@code region|period|rule}. JSON
 * rather than Avro: alerts are few, read by people and alerting tools, and have no schema history to keep yet.
 * Created (compacted, like the totals topic) by {@link #provision()} when missing.
 */
public final class AlertsTopic implements AutoCloseable {

    public static final String ENV = "INDICATORS_TOPIC_ALERTS";
    public static final String DEFAULT = "indicators.alerts.v1";
    private static final Logger log = LoggerFactory.getLogger(AlertsTopic.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConnection connection;
    private final String topic;
    private final KafkaProducer<String, String> producer;

    public AlertsTopic(KafkaConnection connection, String topic) {
        this.connection = connection;
        this.topic = topic;
        Properties p = new Properties();
        connection.applyTo(p);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "indicators-alerts");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    public String topic() {
        return topic;
    }

    /** Creates the topic when missing (compacted, one partition: alerts are few and read in order). */
    public void provision() {
        TopicCreation.createMissing(connection, List.of(new NewTopic(topic, Optional.of(1), Optional.empty())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))));
    }

    public void publish(TargetAlert alert) {
        try {
            producer.send(new ProducerRecord<>(topic, alert.key(), JSON.writeValueAsString(alert)), (md, e) -> {
                if (e != null) log.warn("alert {} not published: {}", alert.key(), e.toString());
            });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public void flush() {
        producer.flush();
    }

    /** Every alert on the topic up to its current end, oldest first (the latest per key wins when read in order). */
    public List<TargetAlert> readAll(Duration timeout) {
        Properties p = new Properties();
        connection.applyTo(p);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "indicators-alerts-reader");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<TargetAlert> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> tps = c.partitionsFor(topic, timeout).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("could not read " + topic + " to its end within " + timeout);
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    if (r.value() == null) continue;
                    try {
                        out.add(JSON.readValue(r.value(), TargetAlert.class));
                    } catch (IOException e) {
                        log.warn("alert record {}@{} is not an alert, skipped: {}", r.partition(), r.offset(), e.getMessage());
                    }
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

}
