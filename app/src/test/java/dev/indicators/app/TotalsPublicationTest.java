package dev.indicators.app;

import dev.indicators.contract.Settings;
import dev.indicators.contract.Topics;
import dev.indicators.contract.avro.CertificateAction;
import dev.indicators.contract.avro.CertificateEvent;
import dev.indicators.contract.avro.IndicatorTotal;
import dev.indicators.platform.IndicatorStack;
import dev.indicators.platform.junit.SharedIndicatorStack;
import dev.indicators.platform.provision.SchemaProvisioner;
import dev.indicators.platform.provision.TopicLayout;
import dev.indicators.platform.provision.TopicProvisioner;
import dev.indicators.producer.publish.IndicatorPublisher;
import dev.indicators.producer.publish.PublishResult;
import dev.indicators.producer.publish.PublisherSettings;
import dev.indicators.streams.app.IndicatorStreamsApp;
import dev.indicators.streams.app.StreamsSettings;
import dev.indicators.streams.codec.RegistryEventCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How totals reach the compacted topic, on the real broker and registry: each changed total once per commit, in the
 * commit's transaction, and nothing left behind by a clean stop. Own topics, so no other test's app writes the keys.
 */
@ExtendWith(SharedIndicatorStack.class)
@DisplayName("Totals topic: one record per changed total per commit, and a clean stop publishes what it counted")
class TotalsPublicationTest {

    private static final String KEY = "410212|certificates.issued|month:2003-02"; // day totals are not on the topic (issue 10)
    private static final Instant AT = Instant.parse("2003-02-14T02:00:00Z");

    @Test
    void forty_events_within_one_commit_interval_publish_the_total_once_and_a_clean_stop_publishes_the_rest(IndicatorStack stack) throws Exception {
        String run = "publication-spec-" + UUID.randomUUID().toString().substring(0, 8);
        Topics topics = Topics.prefixed(run);
        new TopicProvisioner(stack.bootstrapServers()).provision(TopicLayout.of(topics, 4));
        new SchemaProvisioner(stack.confluentApiUrl()).provision(topics);
        Path stateDir = Files.createTempDirectory(run);
        // A long commit interval, so that what one commit publishes is plain to see, and one stream thread: with two,
        // each thread commits its own case tasks, so the forty contributions could reach the totals task in two
        // transactions, and so in two of its commits.
        StreamsSettings settings = StreamsSettings.fromSettings(Settings.of(Map.of("INDICATORS_STREAMS_THREADS", "1"))).withApplicationId(run)
                .withBootstrapServers(stack.bootstrapServers()).withRegistryUrl(stack.registryUrl())
                .withTopics(topics).withStateDir(stateDir)
                .withKafkaProperty(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 10_000);

        try (IndicatorPublisher publisher = IndicatorPublisher.create(PublisherSettings.defaults()
                .withBootstrapServers(stack.bootstrapServers()).withRegistryUrl(stack.registryUrl()).withTopics(topics), new SimpleMeterRegistry());
             TotalsReader totals = new TotalsReader(stack, topics.totals())) {

            // Given forty certificates of Xiangfu issued on one day, waiting for the app
            issue(publisher, run + "-a", 40);
            try (IndicatorStreamsApp app = IndicatorStreamsApp.create(settings, new SimpleMeterRegistry()).start()) {
                assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
                // then the day's total reaches 40 through a single record (one commit), not forty
                List<Double> values = totals.valuesOf(KEY, 40, Duration.ofSeconds(90));
                assertThat(values).as("records of %s", KEY).hasSize(1).containsExactly(40.0);

                // And when five more arrive and the app is stopped before its next commit is due
                issue(publisher, run + "-b", 5);
                awaitCounted(app, 45, Duration.ofSeconds(30));
            }
            // then the stop left nothing counted unpublished: the topic ends at 45 (published by the clean stop's
            // commit, or by a regular one if it fell after the count; one may also fall amid the five)
            List<Double> after = totals.valuesOf(KEY, 45, Duration.ofSeconds(30));
            assertThat(after).startsWith(40.0).endsWith(45.0).hasSizeLessThanOrEqualTo(4).isSorted();
        }
        // and the app wrote them with the schema the platform registered, adding no second version of it
        HttpResponse<String> versions = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.confluentApiUrl()
                + "/subjects/" + topics.totals() + "-value/versions")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(versions.body()).isEqualTo("[1]");
    }

    private static void issue(IndicatorPublisher publisher, String prefix, int n) throws Exception {
        List<CompletableFuture<PublishResult>> sends = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sends.add(publisher.publish(new CertificateEvent(prefix + "-" + i, "410212", "xiangfu-gov", AT,
                    prefix + "-cert-" + i, "xiangfu-market", CertificateAction.ISSUED)));
        }
        publisher.flush();
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    }

    /** Waits until the app's own store (not yet committed) has counted {@code n}. */
    private static void awaitCounted(IndicatorStreamsApp app, long n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Double v = app.query().total("410212", "certificates.issued", "day:2003-02-14").value();
                if (v != null && v >= n) return;
            } catch (RuntimeException notYet) {
                // store not queryable yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the app did not count " + n + " within " + timeout);
    }

    /** Reads the totals topic as a dashboard does: read_committed, from the beginning. */
    private static final class TotalsReader implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final RegistryEventCodec codec;
        private final String topic;
        private final List<Double> seen = new ArrayList<>();

        TotalsReader(IndicatorStack stack, String topic) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
            p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            p.put(ConsumerConfig.GROUP_ID_CONFIG, topic + "-reader");
            this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
            this.consumer.subscribe(List.of(topic));
            this.codec = new RegistryEventCodec(stack.registryUrl());
            this.topic = topic;
        }

        /** Every value published for {@code key} so far, once the latest is {@code last}, then a little longer. */
        List<Double> valuesOf(String key, double last, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            long settleUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settleUntil)) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (!key.equals(r.key())) continue;
                    IndicatorTotal t = codec.totalSerde().deserializer().deserialize(topic, r.value());
                    seen.add(t.getValue());
                }
                if (!seen.isEmpty() && seen.get(seen.size() - 1) == last && settleUntil == Long.MAX_VALUE) {
                    settleUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos(); // would a second record follow?
                }
            }
            return List.copyOf(seen);
        }

        @Override
        public void close() {
            consumer.close();
            codec.close();
        }
    }
}
