package dev.indicators.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.indicators.platform.IndicatorStack;
import dev.indicators.platform.junit.SharedIndicatorStack;
import dev.indicators.platform.process.ChildJvm;
import dev.indicators.platform.process.JvmClassPath;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code bin/indicators ingest} as an agency runs it: its own process, pointed at the real broker and registry,
 * answering {@code POST /api/v1/events} with where each event was stored, and gone from its port after SIGTERM.
 */
@DisplayName("indicators ingest: the standalone ingest server, as its own process")
@ExtendWith(SharedIndicatorStack.class)
class StandaloneIngestTest {

    private static final Pattern LISTENING = Pattern.compile("ingest listening on (http://\\S+?)/api/v1/events");
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void an_event_posted_to_the_standalone_server_is_stored_where_its_answer_says_and_sigterm_stops_it(IndicatorStack stack) throws Exception {
        Path work = Files.createTempDirectory("standalone-ingest");
        Path java = ChildJvm.currentJava();
        Path args = JvmClassPath.current().writeArgumentFile(work.resolve("classpath.args"));
        ProcessBuilder command = new ProcessBuilder(java.toString(), "@" + args, "dev.indicators.app.IndicatorsCommand", "ingest",
                "--http-port", "0", "--bootstrap", stack.bootstrapServers(), "--registry", stack.registryUrl())
                .redirectErrorStream(true);
        // the options name the broker and registry; a setting inherited from the machine running the tests must not
        command.environment().keySet().removeIf(k -> k.startsWith("INDICATORS_"));
        Process ingest = command.start();
        try {
            String baseUrl = awaitListening(ingest);
            String id = "standalone-ingest-" + UUID.randomUUID();
            // 2004: a year no other test of this module publishes in, so no other test's total sees this event
            String event = """
                    {"eventId":"%s","type":"mediation","regionCode":"410212","department":"xiangfu-justice",
                     "occurredAt":"2004-06-01T09:00:00+08:00","caseId":"SI-%s","status":"RECEIVED"}""".formatted(id, id);

            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/events"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(event)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
            JsonNode stored = new ObjectMapper().readTree(answer.body()).path("events").get(0);
            assertThat(stored.path("eventId").asText()).isEqualTo(id);
            assertThat(stored.path("topic").asText()).isEqualTo(stack.topics().mediation());

            // Then the record is on the topic, at the partition and offset the answer named, keyed by its case
            ConsumerRecord<String, byte[]> record = read(stack, new TopicPartition(stored.path("topic").asText(),
                    stored.path("partition").asInt()), stored.path("offset").asLong());
            assertThat(record.key()).isEqualTo("SI-" + id);
            assertThat(record.value()[0]).as("Confluent wire format: magic byte 0, then the schema id").isZero();

            assertThat(client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/health/live")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

            // When it gets SIGTERM, it stops and frees its port
            ingest.destroy();
            assertThat(ingest.waitFor(60, TimeUnit.SECONDS)).as("ingest stopped after SIGTERM").isTrue();
            assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/health/live")).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(ConnectException.class);
        } finally {
            ingest.destroyForcibly();
        }
    }

    /**
     * Reads the process's output on its own thread until it says where it listens; fails with that output, each line
     * stamped with the seconds since the start, if the process ends or stays silent for five minutes. A thread of its own
     * (not the common pool) so no other test's task can delay the reading, and it keeps draining after the announcement
     * so the child never blocks on a full pipe.
     */
    private static String awaitListening(Process process) throws Exception {
        long started = System.nanoTime();
        StringBuffer seen = new StringBuffer();
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    seen.append(String.format("[%6.1f s] %s%n", (System.nanoTime() - started) / 1e9, line));
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) url.complete(m.group(1));
                }
            } catch (java.io.IOException e) {
                // the process ended
            }
            url.complete(null);
        }, "standalone-ingest-output");
        reader.setDaemon(true);
        reader.start();
        String found;
        try {
            found = url.get(5, TimeUnit.MINUTES);
        } catch (java.util.concurrent.TimeoutException e) {
            found = null;
        }
        assertThat(found).as("ingest did not say where it listens within %.0f s (alive: %s); its output:%n%s",
                (System.nanoTime() - started) / 1e9, process.isAlive(), seen).isNotNull();
        return found;
    }

    private static ConsumerRecord<String, byte[]> read(IndicatorStack stack, TopicPartition tp, long offset) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(tp));
            consumer.seek(tp, offset);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() == offset) return r;
                }
            }
        }
        throw new AssertionError("no record at " + tp + "@" + offset);
    }
}
