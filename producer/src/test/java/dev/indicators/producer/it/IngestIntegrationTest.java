package dev.indicators.producer.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.indicators.platform.IndicatorStack;
import dev.indicators.platform.junit.SharedIndicatorStack;
import dev.indicators.producer.BadInputCorpus;
import dev.indicators.producer.Fixtures;
import dev.indicators.producer.ingest.IngestServer;
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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /api/v1/events against the real broker and registry. */
@ExtendWith(SharedIndicatorStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private IndicatorPublisher publisher;
    private IngestServer server;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    void start(IndicatorStack stack) {
        IngestSettings settings = IngestSettings.defaults().withMaxBytes(64 * 1024);
        PublisherSettings ps = PublisherSettings.defaults().withBootstrapServers(stack.bootstrapServers())
                .withRegistryUrl(stack.registryUrl()).withTopics(stack.topics()).withSendTimeout(settings.kafkaTimeout());
        publisher = IndicatorPublisher.create(ps, Fixtures.rules(), meters);
        server = IngestServer.start("127.0.0.1", 0, publisher, publisher.json(), settings, meters);
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
        if (publisher != null) publisher.close();
    }

    record Reply(int status, JsonNode body, HttpResponse<String> raw) {
    }

    private Reply post(URI uri, String body, String contentType) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(30));
        if (contentType != null) b.header("Content-Type", contentType);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body().isEmpty() ? null : JSON.readTree(r.body()), r);
    }

    private Reply post(String body, String contentType) throws Exception {
        return post(server.eventsUri(), body, contentType);
    }

    @Test
    void valid_events_are_answered_202_with_their_topic_partition_and_offset(IndicatorStack stack) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Reply r = post("[" + Fixtures.mediation("in-" + run + "-1", "M-IN-" + run, "RECEIVED") + ","
                + Fixtures.mediation("in-" + run + "-2", "M-IN-" + run, "FAILED") + "]", "application/json");
        assertThat(r.status).isEqualTo(202);
        assertThat(r.body.get("accepted").asInt()).isEqualTo(2);
        JsonNode first = r.body.get("events").get(0);
        assertThat(first.get("topic").asText()).isEqualTo(stack.topics().mediation());
        List<ConsumerRecord<String, SpecificRecord>> back = TopicReader.read(stack, List.of(stack.topics().mediation()), x -> x.key().equals("M-IN-" + run), 2);
        assertThat(back).extracting(ConsumerRecord::offset).contains(first.get("offset").asLong());
        assertThat(meters.counter("indicators.events.ingested", "type", "mediation").count()).isGreaterThanOrEqualTo(2);
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
            assertThat(e.get("errors")).as(bad.name()).anySatisfy(err -> {
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
            assertThat(r.body.get("events").get(0).get("errors")).as(bad.name()).anySatisfy(err -> {
                assertThat(err.get("field").asText()).isEqualTo(bad.field());
                assertThat(err.get("reason").asText()).contains(bad.reason());
            });
        }
    }

    @Test
    void a_body_above_the_limit_is_413_and_another_method_405() throws Exception {
        String big = "[" + String.join(",", java.util.Collections.nCopies(400, Fixtures.mediation("big", "M-BIG", "RECEIVED"))) + "]";
        assertThat(big.length()).isGreaterThan(64 * 1024);
        Reply r = post(big, "application/json");
        assertThat(r.status).isEqualTo(413);
        assertThat(r.body.get("error").asText()).contains("larger than 65536 bytes");
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(server.eventsUri()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).contains("POST");
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
        try (IndicatorPublisher down = IndicatorPublisher.create(unreachable, Fixtures.rules(), null);
             IngestServer downServer = IngestServer.start("127.0.0.1", 0, down, down.json(), settings, new SimpleMeterRegistry())) {
            long start = System.nanoTime();
            Reply r = post(downServer.eventsUri(), String.join("\n", Fixtures.mediation("down-1", "M-DOWN", "RECEIVED"),
                    Fixtures.mediation("down-2", "M-DOWN", "FAILED")), "application/x-ndjson");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(r.status).isEqualTo(503);
            assertThat(r.raw.headers().firstValue("Retry-After")).contains("10");
            assertThat(r.body.get("unavailable").asInt()).isEqualTo(2);
            assertThat(r.body.get("events")).allSatisfy(e -> assertThat(e.get("status").asText()).isEqualTo("unavailable"));
            down.close(Duration.ZERO);
        }
    }
}
