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
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code indicators lag} as an operator runs it, against the real broker. */
@DisplayName("indicators lag: the table an operator reads, and its exit codes")
@ExtendWith(SharedIndicatorStack.class)
class LagCommandTest {

    @Test
    void a_group_that_read_four_of_ten_records_shows_a_lag_of_six(IndicatorStack stack) throws Exception {
        String topic = "lag-command-" + UUID.randomUUID();
        String group = "lag-command-group-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            produce(stack, topic, 10);
            admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(4)))
                    .all().get(30, TimeUnit.SECONDS);
        }

        Run run = lag("--bootstrap", stack.bootstrapServers(), "--group", group);

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("group " + group);
        String[] row = run.out().lines().map(String::strip).filter(l -> l.startsWith(topic)).findFirst().orElseThrow().split("\\s+");
        // TOPIC PARTITION COMMITTED LOG-START LOG-END LAG LAG-SECONDS
        assertThat(List.of(row).subList(0, 6)).containsExactly(topic, "0", "4", "0", "10", "6");
        assertThat(Double.parseDouble(row[6])).as("seconds behind: the age of the next unread record").isGreaterThanOrEqualTo(0.0);
        assertThat(run.out()).contains("total lag 6, max lag 6");
    }

    @Test
    void a_group_without_committed_offsets_is_said_to_have_none(IndicatorStack stack) {
        Run run = lag("--bootstrap", stack.bootstrapServers(), "--group", "no-such-group-" + UUID.randomUUID());
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("no committed offsets: the group does not exist or has not committed yet");
    }

    @Test
    void an_unreachable_kafka_exits_2_and_says_where_it_looked() {
        Run run = lag("--bootstrap", "127.0.0.1:1", "--group", "any");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("Kafka at 127.0.0.1:1 could not be reached");
    }

    private record Run(int exit, String out, String err) {}

    private static Run lag(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8); PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setErr(e);
            exit = new CommandLine(new LagCommand(o)).execute(args);
        } finally {
            System.setErr(originalErr);
        }
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void produce(IndicatorStack stack, String topic, int n) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < n; i++) producer.send(new ProducerRecord<>(topic, 0, "k" + i, "v" + i)).get(10, TimeUnit.SECONDS);
        }
    }
}
