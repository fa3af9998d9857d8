package dev.indicators.app.lag;

import dev.indicators.contract.Settings;
import dev.indicators.contract.Topics;
import dev.indicators.contract.avro.CertificateAction;
import dev.indicators.contract.avro.CertificateEvent;
import dev.indicators.platform.IndicatorStack;
import dev.indicators.platform.junit.SharedIndicatorStack;
import dev.indicators.platform.provision.TopicLayout;
import dev.indicators.platform.provision.TopicProvisioner;
import dev.indicators.producer.publish.IndicatorPublisher;
import dev.indicators.producer.publish.PublishResult;
import dev.indicators.producer.publish.PublisherSettings;
import dev.indicators.streams.app.IndicatorStreamsApp;
import dev.indicators.streams.app.StreamsSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Consumer lag as operators see it, measured on the real broker against the real streams app. */
@ExtendWith(SharedIndicatorStack.class)
class ConsumerLagMonitorTest {

    @Test
    void lag_grows_by_what_is_produced_while_the_streams_app_is_stopped_and_returns_to_zero_when_it_restarts(IndicatorStack stack) throws Exception {
        String group = "lag-spec-" + UUID.randomUUID().toString().substring(0, 8);
        // Topics of its own: what other tests of this JVM publish on the shared topics never shows up in this lag
        Topics own = Topics.prefixed(group);
        new TopicProvisioner(stack.bootstrapServers()).provision(TopicLayout.of(own, 2));
        Path stateDir = Files.createTempDirectory("lag-spec");
        StreamsSettings settings = StreamsSettings.fromSettings(Settings.of(Map.of())).withApplicationId(group)
                .withBootstrapServers(stack.bootstrapServers()).withRegistryUrl(stack.registryUrl())
                .withTopics(own).withStateDir(stateDir);
        MeterRegistry meters = new SimpleMeterRegistry();
        try (ConsumerLagMonitor monitor = new ConsumerLagMonitor(stack.bootstrapServers(), List.of(group), Duration.ofMillis(300));
             IndicatorPublisher publisher = IndicatorPublisher.create(PublisherSettings.defaults()
                     .withBootstrapServers(stack.bootstrapServers()).withRegistryUrl(stack.registryUrl()).withTopics(own), meters)) {
            monitor.bindTo(meters);
            monitor.start();

            // Given the streams app has caught up with everything on the input topics
            try (IndicatorStreamsApp app = IndicatorStreamsApp.create(settings, new SimpleMeterRegistry()).start()) {
                assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
                publish(publisher, group + "-warmup", 3);
                await("lag 0 after catching up", () -> sumLag(meters, group) == 0 && partitionsSeen(monitor, group) > 0, Duration.ofSeconds(60));
            }

            // When 30 events arrive while it is stopped, the input topics' lag is 30 (the app's own repartition topic
            // may hold what its last commit on closing wrote, which the next start reads)
            publish(publisher, group + "-while-stopped", 30);
            await("input lag 30", () -> inputLag(monitor, group, own) == 30, Duration.ofSeconds(30),
                    () -> "input lag " + inputLag(monitor, group, own) + "; partitions " + monitor.latest(group).map(GroupLag::partitions).orElse(List.of()));
            double firstSeconds = gauge(meters, "kafka_consumergroup_group_max_lag_seconds", group);
            await("lag seconds growing", () -> gauge(meters, "kafka_consumergroup_group_max_lag_seconds", group) >= firstSeconds + 1.0, Duration.ofSeconds(10));
            assertThat(monitor.latest(group).orElseThrow().partitions()).allSatisfy(p ->
                    assertThat(p.secondsLag() > 0).isEqualTo(p.offsetLag() > 0));

            // Then starting it again brings the lag back to zero
            try (IndicatorStreamsApp app = IndicatorStreamsApp.create(settings, new SimpleMeterRegistry()).start()) {
                assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
                await("lag back to 0", () -> sumLag(meters, group) == 0, Duration.ofSeconds(60));
                assertThat(gauge(meters, "kafka_consumergroup_group_max_lag_seconds", group)).isZero();
            }
        }
    }

    @Test
    void a_group_that_fell_behind_retention_is_counted_as_data_loss_once(IndicatorStack stack) throws Exception {
        String topic = "retention-spec-" + UUID.randomUUID();
        String group = "retention-spec-group";
        TopicPartition tp = new TopicPartition(topic, 0);
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            // No short retention.ms: the broker's own retention could then delete the whole log before the sample
            // (8 lost instead of 6, seen when this test ran first on a fresh broker); deleteRecords below does its work.
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            produce(stack, topic, 10);
            // The group read two records, then stopped.
            admin.alterConsumerGroupOffsets(group, Map.of(tp, new OffsetAndMetadata(2))).all().get(30, TimeUnit.SECONDS);
            // Retention removes the oldest records: the log start offset moves past the group's position. deleteRecords
            // moves it exactly as the retention check does, without waiting for the broker's 5-minute check interval.
            admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(8))).all().get(30, TimeUnit.SECONDS);
        }
        MeterRegistry meters = new SimpleMeterRegistry();
        try (ConsumerLagMonitor monitor = new ConsumerLagMonitor(stack.bootstrapServers(), List.of(group), Duration.ofHours(1))) {
            monitor.bindTo(meters);
            monitor.sampleAll();
            monitor.sampleAll();
            double lost = meters.get("indicators.consumer.data.loss.records").tag("group", group).tag("topic", topic).counter().count();
            double events = meters.get("indicators.consumer.data.loss.events").tag("group", group).tag("topic", topic).counter().count();
            assertThat(lost).isEqualTo(6);
            assertThat(events).isEqualTo(1);
            PartitionLag row = monitor.latest(group).orElseThrow().partitions().get(0);
            assertThat(row.logStartOffset()).isEqualTo(8);
            assertThat(row.offsetLag()).as("what is left to read: offsets 8 and 9").isEqualTo(2);
        }
    }

    private static void produce(IndicatorStack stack, String topic, int n) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < n; i++) producer.send(new ProducerRecord<>(topic, 0, "k" + i, "v" + i)).get(10, TimeUnit.SECONDS);
        }
    }

    private static void publish(IndicatorPublisher publisher, String prefix, int n) throws Exception {
        List<CompletableFuture<PublishResult>> sends = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sends.add(publisher.publish(new CertificateEvent(prefix + "-" + i, "410212", "xiangfu-gov",
                    Instant.parse("2020-05-01T02:00:00Z"), prefix + "-cert-" + i, "xiangfu-market", CertificateAction.ISSUED)));
        }
        publisher.flush();
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    }

    private static double sumLag(MeterRegistry meters, String group) {
        return gauge(meters, "kafka_consumergroup_group_sum_lag", group);
    }

    private static long inputLag(ConsumerLagMonitor monitor, String group, Topics topics) {
        return monitor.latest(group).map(g -> g.partitions().stream().filter(p -> topics.inputs().contains(p.topic()))
                .mapToLong(PartitionLag::offsetLag).sum()).orElse(-1L);
    }

    private static int partitionsSeen(ConsumerLagMonitor monitor, String group) {
        return monitor.latest(group).map(g -> g.partitions().size()).orElse(0);
    }

    private static double gauge(MeterRegistry meters, String name, String group) {
        var g = meters.find(name).tag("group", group).gauge();
        return g == null ? Double.NaN : g.value();
    }

    private static void await(String what, BooleanSupplier condition, Duration timeout) throws InterruptedException {
        await(what, condition, timeout, () -> "");
    }

    private static void await(String what, BooleanSupplier condition, Duration timeout, java.util.function.Supplier<String> state)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) return;
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what + "; last seen: " + state.get());
    }
}
