package dev.indicators.producer.publish;

import dev.indicators.contract.Topics;
import dev.indicators.contract.avro.MediationEvent;
import dev.indicators.contract.avro.ReconsiderationEvent;
import dev.indicators.contract.validation.InvalidEventException;
import dev.indicators.producer.Fixtures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Java library: validate first, key by case, one result per event, failures in the future. */
class IndicatorPublisherTest {

    private static final Serializer<SpecificRecord> NO_BYTES = (topic, data) -> new byte[0];

    private final MockProducer<String, SpecificRecord> producer = new MockProducer<>(false, null, new StringSerializer(), NO_BYTES);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final IndicatorPublisher publisher = new IndicatorPublisher(producer, Topics.defaults(), Fixtures.rules(), meters);

    @AfterEach
    void close() {
        publisher.close();
    }

    private SpecificRecord event(String json) {
        return Fixtures.json().parse(json).event();
    }

    @Test
    void a_valid_event_goes_to_its_type_topic_keyed_by_case_and_the_result_says_where() throws Exception {
        CompletableFuture<PublishResult> f = publisher.publish(event(Fixtures.reconsideration("e1", "QP-1", "APPLIED")));
        assertThat(f).isNotDone();
        producer.completeNext();
        PublishResult r = f.get();
        assertThat(r.eventId()).isEqualTo("e1");
        assertThat(r.key()).isEqualTo("QP-1");
        assertThat(r.topic()).isEqualTo("indicators.reconsideration.v1");
        assertThat(r.offset()).isZero();
        ProducerRecord<String, SpecificRecord> sent = producer.history().get(0);
        assertThat(sent.key()).isEqualTo("QP-1");
        assertThat(sent.value()).isInstanceOf(ReconsiderationEvent.class);
    }

    @Test
    void certificates_are_keyed_by_certificate_number_and_mediation_by_case() {
        publisher.publish(event(Fixtures.certificate("c1", "ZF-0001", "ISSUED")));
        publisher.publish(event(Fixtures.mediation("m1", "YQ-M-1", "RECEIVED")));
        assertThat(producer.history()).extracting(ProducerRecord::topic, ProducerRecord::key)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("indicators.certificate.v1", "ZF-0001"),
                        org.assertj.core.groups.Tuple.tuple("indicators.mediation.v1", "YQ-M-1"));
    }

    @Test
    void an_invalid_event_is_refused_synchronously_naming_every_field_and_nothing_is_sent() {
        ReconsiderationEvent bad = (ReconsiderationEvent) event(Fixtures.reconsideration("e2", "QP-2", "APPLIED"));
        bad.setRegionCode("999999");
        bad.setEventId("");
        assertThatThrownBy(() -> publisher.publish(bad))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.errors())
                        .extracting(fe -> fe.field()).containsExactlyInAnyOrder("eventId", "regionCode"));
        assertThat(producer.history()).isEmpty();
        assertThat(meters.counter("indicators.events.publish.failures", "type", "reconsideration", "reason", "invalid").count()).isEqualTo(1);
    }

    @Test
    void publishJson_reads_the_json_form_and_refuses_malformed_json() throws Exception {
        CompletableFuture<PublishResult> f = publisher.publishJson(Fixtures.mediation("m2", "YQ-M-2", "succeeded"));
        producer.completeNext();
        assertThat(f.get().type().jsonName()).isEqualTo("mediation");
        assertThat(((MediationEvent) producer.history().get(0).value()).getStatus().name()).isEqualTo("SUCCEEDED");
        assertThatThrownBy(() -> publisher.publishJson("{\"eventId\":"))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("(json)"));
        String two = Fixtures.mediation("m5", "YQ-M-5", "RECEIVED") + Fixtures.mediation("m6", "YQ-M-6", "RECEIVED");
        assertThatThrownBy(() -> publisher.publishJson(two)).as("a second event is not silently dropped")
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.errors().get(0).reason()).startsWith("malformed JSON"));
    }

    @Test
    void a_send_failure_completes_the_future_with_a_publish_exception_that_says_whether_to_retry() {
        CompletableFuture<PublishResult> f = publisher.publish(event(Fixtures.reconsideration("e3", "QP-3", "APPLIED")));
        producer.errorNext(new TimeoutException("Topic not present in metadata after 1000 ms."));
        assertThat(f).isCompletedExceptionally();
        assertThatThrownBy(f::get).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOfSatisfying(PublishException.class, e -> {
                    assertThat(e.eventId()).isEqualTo("e3");
                    assertThat(e.unavailable()).isTrue();
                    assertThat(e.getMessage()).contains("e3", "Topic not present in metadata");
                });
        assertThat(meters.counter("indicators.events.publish.failures", "type", "reconsideration", "reason", "send").count()).isEqualTo(1);
    }

    @Test
    void acknowledged_events_are_counted_by_type() {
        publisher.publish(event(Fixtures.mediation("m3", "YQ-M-3", "RECEIVED")));
        publisher.publish(event(Fixtures.mediation("m4", "YQ-M-4", "RECEIVED")));
        producer.completeNext();
        producer.completeNext();
        assertThat(meters.counter("indicators.events.published", "type", "mediation").count()).isEqualTo(2);
    }

    @Test
    void it_can_be_used_from_many_threads_at_once() throws Exception {
        MockProducer<String, SpecificRecord> auto = new MockProducer<>(true, null, new StringSerializer(), NO_BYTES);
        try (IndicatorPublisher p = new IndicatorPublisher(auto, Topics.defaults(), Fixtures.rules(), new SimpleMeterRegistry())) {
            java.util.List<Thread> threads = new java.util.ArrayList<>();
            java.util.Queue<CompletableFuture<PublishResult>> results = new java.util.concurrent.ConcurrentLinkedQueue<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                Thread th = new Thread(() -> {
                    for (int i = 0; i < 250; i++) {
                        results.add(p.publish(event(Fixtures.reconsideration("t" + thread + "-" + i, "C-" + thread, "APPLIED"))));
                    }
                });
                th.start();
                threads.add(th);
            }
            for (Thread th : threads) th.join();
            CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get();
            assertThat(results).hasSize(2000);
            assertThat(auto.history()).hasSize(2000);
        }
    }

    @Test
    void closing_twice_is_harmless_and_publishing_after_close_is_refused() {
        publisher.close();
        publisher.close();
        assertThat(producer.closed()).isTrue();
        assertThatThrownBy(() -> publisher.publish(event(Fixtures.reconsideration("e5", "QP-5", "APPLIED"))))
                .isInstanceOf(IllegalStateException.class);
    }
}
