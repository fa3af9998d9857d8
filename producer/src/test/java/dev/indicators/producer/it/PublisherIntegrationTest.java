package dev.indicators.producer.it;

import dev.indicators.contract.avro.MediationEvent;
import dev.indicators.contract.avro.ReconsiderationEvent;
import dev.indicators.platform.IndicatorStack;
import dev.indicators.platform.junit.SharedIndicatorStack;
import dev.indicators.producer.Fixtures;
import dev.indicators.producer.publish.IndicatorPublisher;
import dev.indicators.producer.publish.PublishException;
import dev.indicators.producer.publish.PublishResult;
import dev.indicators.producer.publish.PublisherSettings;
import dev.indicators.producer.sample.PublishedFiguresSample;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Java library against the real broker and registry. */
@ExtendWith(SharedIndicatorStack.class)
class PublisherIntegrationTest {

    private static PublisherSettings settings(IndicatorStack stack) {
        return PublisherSettings.defaults().withBootstrapServers(stack.bootstrapServers()).withRegistryUrl(stack.registryUrl())
                .withTopics(stack.topics());
    }

    @Test
    void a_published_event_comes_back_keyed_by_case_and_readable_with_the_registry_deserializer(IndicatorStack stack) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ReconsiderationEvent sent = (ReconsiderationEvent) Fixtures.json().parse(Fixtures.concluded("rt-" + run, "QP-RT-" + run, "REVOKED")).event();
        MediationEvent mediation = (MediationEvent) Fixtures.json().parse(Fixtures.mediation("rtm-" + run, "YQ-RT-" + run, "SUCCEEDED")).event();
        PublishResult result;
        try (IndicatorPublisher publisher = IndicatorPublisher.create(settings(stack), Fixtures.rules(), meters)) {
            result = publisher.publish(sent).get(30, TimeUnit.SECONDS);
            publisher.publish(mediation).get(30, TimeUnit.SECONDS);
            assertThat(meters.getMeters()).as("producer metrics bound while open")
                    .anySatisfy(m -> assertThat(m.getId().getName()).startsWith("kafka.producer."));
        }
        assertThat(result.topic()).isEqualTo(stack.topics().reconsideration());
        assertThat(result.key()).isEqualTo("QP-RT-" + run);
        assertThat(meters.counter("indicators.events.published", "type", "reconsideration").count()).isEqualTo(1);

        List<ConsumerRecord<String, SpecificRecord>> back = TopicReader.read(stack, stack.topics().inputs(),
                r -> r.key().endsWith(run), 2);
        assertThat(back).hasSize(2);
        ConsumerRecord<String, SpecificRecord> r = back.stream().filter(x -> x.topic().equals(stack.topics().reconsideration())).findFirst().orElseThrow();
        assertThat(r.key()).isEqualTo("QP-RT-" + run);
        assertThat(r.partition()).isEqualTo(result.partition());
        assertThat(r.offset()).isEqualTo(result.offset());
        assertThat(r.value()).isInstanceOf(ReconsiderationEvent.class).isEqualTo(sent);
    }

    @Test
    void values_are_in_the_confluent_wire_format_with_an_id_the_confluent_api_resolves(IndicatorStack stack) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (IndicatorPublisher publisher = IndicatorPublisher.create(settings(stack), Fixtures.rules(), null)) {
            publisher.publishJson(Fixtures.certificate("wf-" + run, "ZF-WF-" + run, "ISSUED")).get(30, TimeUnit.SECONDS);
        }
        byte[] value = TopicReader.readRaw(stack, List.of(stack.topics().certificate()), r -> r.key().equals("ZF-WF-" + run), 1).get(0).value();
        assertThat(value[0]).as("magic byte").isZero();
        int id = ByteBuffer.wrap(value, 1, 4).getInt();
        HttpResponse<String> schema = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(stack.confluentApiUrl() + "/schemas/ids/" + id)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(schema.statusCode()).isEqualTo(200);
        assertThat(schema.body()).contains("CertificateEvent");
    }

    @Test
    void the_published_figures_sample_is_published_in_full(IndicatorStack stack) throws Exception {
        PublishedFiguresSample sample = PublishedFiguresSample.load();
        List<CompletableFuture<PublishResult>> results = new ArrayList<>();
        try (IndicatorPublisher publisher = IndicatorPublisher.create(settings(stack), Fixtures.rules(), null)) {
            for (SpecificRecord e : sample.events()) results.add(publisher.publish(e));
            CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }
        Set<String> acknowledged = results.stream().map(CompletableFuture::join).map(PublishResult::eventId).collect(Collectors.toSet());
        assertThat(acknowledged).hasSize(sample.events().size());
    }

    @Test
    void an_unreachable_registry_fails_the_send_as_unavailable(IndicatorStack stack) {
        PublisherSettings noRegistry = settings(stack).withRegistryUrl("http://127.0.0.1:1/apis/registry/v3")
                .withExtra(java.util.Map.of("apicurio.registry.retry-count", 0));
        try (IndicatorPublisher publisher = IndicatorPublisher.create(noRegistry, Fixtures.rules(), null)) {
            CompletableFuture<PublishResult> f = publisher.publishJson(Fixtures.mediation("nr-" + UUID.randomUUID(), "M-NR", "RECEIVED"));
            assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOfSatisfying(PublishException.class, e -> assertThat(e.unavailable()).as(e.getMessage()).isTrue());
        }
    }

    @Test
    void an_unreachable_kafka_fails_the_send_by_the_send_timeout_instead_of_waiting(IndicatorStack stack) {
        PublisherSettings noKafka = settings(stack).withBootstrapServers("127.0.0.1:1").withSendTimeout(Duration.ofSeconds(1));
        // The settings bound every wait of the producer by the send timeout (no timing assertion here: what shows it
        // is that the failure comes from Kafka's own timeout, configured below 10 s, not from a broker answer).
        assertThat(noKafka.maxBlock()).isEqualTo(Duration.ofSeconds(1));
        assertThat(noKafka.deliveryTimeout()).isLessThan(Duration.ofSeconds(10));
        try (IndicatorPublisher publisher = IndicatorPublisher.create(noKafka, Fixtures.rules(), null)) {
            CompletableFuture<PublishResult> f = publisher.publishJson(Fixtures.mediation("nk-" + UUID.randomUUID(), "M-NK", "RECEIVED"));
            assertThatThrownBy(() -> f.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOfSatisfying(PublishException.class, e -> {
                        assertThat(e.unavailable()).isTrue();
                        assertThat(e).hasRootCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
                    });
            publisher.close(Duration.ZERO);
        }
    }
}
