package dev.indicators.producer.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.indicators.platform.IndicatorStack;
import dev.indicators.platform.junit.SharedIndicatorStack;
import dev.indicators.producer.BadInputCorpus;
import dev.indicators.producer.Fixtures;
import dev.indicators.producer.ingest.IngestRefusedException;
import dev.indicators.producer.ingest.IngestReply;
import dev.indicators.producer.ingest.IngestService;
import dev.indicators.producer.ingest.IngestSettings;
import dev.indicators.producer.publish.IndicatorPublisher;
import dev.indicators.producer.publish.PublisherSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Ingest ({@link IngestService}, the service behind POST /api/v1/events) against the real broker and registry. */
@ExtendWith(SharedIndicatorStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private IndicatorPublisher publisher;
    private IngestService service;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    void start(IndicatorStack stack) {
        IngestSettings settings = IngestSettings.defaults().withMaxBytes(64 * 1024).withKafkaTimeout(Duration.ofSeconds(30)); // a loaded machine: not the test of the timeout
        PublisherSettings ps = PublisherSettings.defaults().withBootstrapServers(stack.bootstrapServers())
                .withRegistryUrl(stack.registryUrl()).withTopics(stack.topics()).withSendTimeout(settings.kafkaTimeout());
        publisher = IndicatorPublisher.create(ps, Fixtures.rules(), meters);
        service = new IngestService(publisher, publisher.json(), settings, meters);
    }

    @AfterAll
    void stop() {
        if (publisher != null) publisher.close();
    }

    record Reply(int status, JsonNode body) {
    }

    private static Reply reply(IngestService service, String body, String contentType) {
        IngestReply r = service.ingest(body, contentType);
        int status = r.outcome().status();
        return new Reply(status, JSON.valueToTree(r));
    }

    private Reply post(String body, String contentType) {
        return reply(service, body, contentType);
    }

    @Test
    void valid_events_are_answered_202_with_their_topic_partition_and_offset(IndicatorStack stack) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        double ingestedBefore = meters.counter("indicators.events.ingested", "type", "mediation").count();
        Reply r = post("[" + Fixtures.mediation("in-" + run + "-1", "M-IN-" + run, "RECEIVED") + ","
                + Fixtures.mediation("in-" + run + "-2", "M-IN-" + run, "FAILED") + "]", "application/json");
        assertThat(r.status).isEqualTo(202);
        assertThat(r.body.get("accepted").asInt()).isEqualTo(2);
        JsonNode events = r.body.get("events");
        assertThat(events).hasSize(2).allSatisfy(e -> {
            assertThat(e.get("status").asText()).isEqualTo("accepted");
            assertThat(e.get("topic").asText()).isEqualTo(stack.topics().mediation());
        });
        // the answer names exactly where each event now is: the two records read back, in order, at those offsets
        List<ConsumerRecord<String, SpecificRecord>> back = TopicReader.read(stack, List.of(stack.topics().mediation()), x -> x.key().equals("M-IN-" + run), 2);
        assertThat(back).extracting(x -> TopicReader.eventId(x.value())).containsExactly("in-" + run + "-1", "in-" + run + "-2");
        assertThat(back).extracting(ConsumerRecord::partition)
                .containsExactly(events.get(0).get("partition").asInt(), events.get(1).get("partition").asInt());
        assertThat(back).extracting(ConsumerRecord::offset)
                .containsExactly(events.get(0).get("offset").asLong(), events.get(1).get("offset").asLong());
        // the other tests of this class send no valid mediation event, so this counter moved by these two only
        assertThat(meters.counter("indicators.events.ingested", "type", "mediation").count()).isEqualTo(ingestedBefore + 2);
    }

    @Test
    void the_bad_input_corpus_gets_400_with_each_specific_error_and_the_good_events_of_the_batch_are_on_the_topic(IndicatorStack stack) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> lines = new ArrayList<>();
        lines.add(Fixtures.reconsideration("ing-" + run + "-1", "QP-ING-" + run, "APPLIED"));
        for (BadInputCorpus.Bad bad : BadInputCorpus.lines()) lines.add(bad.json());
        lines.add(Fixtures.reconsideration("ing-" + run + "-2", "QP-ING-" + run, "ACCEPTED"));

        Reply r = post(String.join("\n", lines), "application/x-ndjson");

        assertThat(r.status).isEqualTo(400);
        assertThat(r.body.get("accepted").asInt()).isEqualTo(2);
        assertThat(r.body.get("rejected").asInt()).isEqualTo(BadInputCorpus.lines().size());
        JsonNode events = r.body.get("events");
        for (int i = 0; i < BadInputCorpus.lines().size(); i++) {
            BadInputCorpus.Bad bad = BadInputCorpus.lines().get(i);
            JsonNode e = events.get(i + 1);
            assertThat(e.get("status").asText()).as(bad.name()).isEqualTo("rejected");
            assertThat(e.get("line").asInt()).isEqualTo(i + 2);
            assertThat(e.get("errors")).as(bad.name()).singleElement().satisfies(err -> {
                assertThat(err.get("field").asText()).isEqualTo(bad.field());
                assertThat(err.get("reason").asText()).contains(bad.reason());
            });
        }
        assertThat(events.get(lines.size() - 1).get("status").asText()).isEqualTo("accepted");
        assertThat(TopicReader.read(stack, List.of(stack.topics().reconsideration()), x -> x.key().equals("QP-ING-" + run), 2))
                .extracting(x -> TopicReader.eventId(x.value())).containsExactly("ing-" + run + "-1", "ing-" + run + "-2");
    }

    @Test
    void each_bad_body_on_its_own_gets_its_specific_error() throws Exception {
        List<BadInputCorpus.Bad> all = new ArrayList<>(BadInputCorpus.lines());
        all.add(BadInputCorpus.EMPTY_BODY);
        for (BadInputCorpus.Bad bad : all) {
            Reply r = post(bad.json(), "application/json");
            assertThat(r.status).as(bad.name()).isEqualTo(400);
            assertThat(r.body.get("events")).as(bad.name()).hasSize(1);
            assertThat(r.body.get("events").get(0).get("errors")).as(bad.name()).singleElement().satisfies(err -> {
                assertThat(err.get("field").asText()).isEqualTo(bad.field());
                assertThat(err.get("reason").asText()).contains(bad.reason());
            });
        }
    }

    @Test
    void a_body_above_the_limit_is_refused_and_nothing_of_it_published() {
        String big = "[" + String.join(",", java.util.Collections.nCopies(400, Fixtures.mediation("big", "M-BIG", "RECEIVED"))) + "]";
        assertThat(big.length()).isGreaterThan(64 * 1024);
        assertThatThrownBy(() -> post(big, "application/json")).isInstanceOf(IngestRefusedException.class)
                .hasMessageContaining("larger than 65536 bytes");
    }

    @Test
    void when_kafka_cannot_be_reached_in_time_the_answer_is_503_with_retry_after(IndicatorStack stack) throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        IngestSettings settings = IngestSettings.defaults().withKafkaTimeout(Duration.ofSeconds(1));
        PublisherSettings unreachable = PublisherSettings.defaults().withBootstrapServers("127.0.0.1:" + closedPort)
                .withRegistryUrl(stack.registryUrl()).withTopics(stack.topics()).withSendTimeout(settings.kafkaTimeout());
        try (IndicatorPublisher down = IndicatorPublisher.create(unreachable, Fixtures.rules(), null)) {
            IngestService downService = new IngestService(down, down.json(), settings, new SimpleMeterRegistry());
            Reply r = reply(downService, String.join("\n", Fixtures.mediation("down-1", "M-DOWN", "RECEIVED"),
                    Fixtures.mediation("down-2", "M-DOWN", "FAILED")), "application/x-ndjson");
            assertThat(r.status).isEqualTo(503);
            assertThat(r.body.get("unavailable").asInt()).isEqualTo(2);
            assertThat(r.body.get("events")).allSatisfy(e -> assertThat(e.get("status").asText()).isEqualTo("unavailable"));
            down.close(Duration.ZERO);
        }
    }
}
