package dev.indicators.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.indicators.app.http.IngestRoutes;
import dev.indicators.app.support.GeneratedBody;
import dev.indicators.app.support.Http;
import dev.indicators.app.support.RawHttp;
import dev.indicators.app.support.SharedPipeline;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a hostile or careless client does to the running pipeline (real broker, registry and streams app), and that
 * the pipeline stays up, answers briefly, keeps its memory and keeps counting. Each body is generated as it is sent.
 * The figures of each case (answer, time, heap before and after, health after) are written to
 * {@code target/hostile-input.md}; they are shown, not asserted, except the bounds the issue sets.
 */
@ExtendWith(SharedPipeline.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputSpec {

    private static final long MB = 1024 * 1024;
    private final List<String> table = new ArrayList<>(List.of(
            "| input | answer | time | heap before | heap after | health after |", "|---|---|---|---|---|---|"));
    private int day = 1;

    @AfterAll
    void writeTable() throws IOException {
        Path out = Path.of("target", "hostile-input.md");
        Files.createDirectories(out.getParent());
        Files.write(out, table);
        table.forEach(System.out::println);
    }

    @Test
    void a_3_3_million_element_array_of_empty_objects_is_refused_at_once_with_a_short_answer(PipelineServer server, Http http) throws Exception {
        refusedBriefly(server, http, "3.3 M-element [{},{},...] (9.9 MB, chunked)", "application/json", GeneratedBody.emptyObjectArray(3_300_000), 413,
                "more than " + server.ingest().settings().maxEvents() + " events in one request");
    }

    @Test
    void a_1_5_million_line_ndjson_of_empty_objects_is_refused_at_once_with_a_short_answer(PipelineServer server, Http http) throws Exception {
        refusedBriefly(server, http, "1.5 M lines of {} (4.5 MB NDJSON, chunked)", "application/x-ndjson", GeneratedBody.emptyObjectLines(1_500_000), 413,
                "more than " + server.ingest().settings().maxEvents() + " events in one request");
    }

    @Test
    void a_300_kb_body_of_empty_objects_gets_a_short_answer(PipelineServer server, Http http) throws Exception {
        refusedBriefly(server, http, "300 KB of {} lines (100,000 events)", "application/x-ndjson", GeneratedBody.emptyObjectLines(100_000), 413,
                "more than " + server.ingest().settings().maxEvents() + " events");
    }

    @Test
    void a_full_request_of_invalid_events_lists_the_first_errors_and_counts_the_rest(PipelineServer server, Http http) throws Exception {
        int n = server.ingest().settings().maxEvents();
        RawHttp.Answer a = refusedBriefly(server, http, n + " invalid events {} (the limit)", "application/json", GeneratedBody.emptyObjectArray(n), 400,
                "all " + n + " events are invalid; none was published (the first " + server.ingest().settings().maxErrorsListed() + " rejected events are listed");
        assertThat(a.body()).contains("\"rejectedNotListed\":" + (n - server.ingest().settings().maxErrorsListed()));
    }

    @Test
    void a_body_above_the_byte_limit_sent_without_a_length_is_cut_off_at_the_limit(PipelineServer server, Http http) throws Exception {
        long max = server.ingest().settings().maxBytes();
        refusedBriefly(server, http, "one " + (max * 2 / MB) + " MB string value (chunked)", "application/json",
                new GeneratedBody("{\"eventId\":\"", "x", max * 2, "\"}"), 413, "request body larger than " + max + " bytes");
    }

    private RawHttp.Answer refusedBriefly(PipelineServer server, Http http, String input, String contentType, GeneratedBody body,
                                          int status, String message) throws Exception {
        long before = heapAfterCollection();
        long start = System.nanoTime();
        RawHttp.Answer a = RawHttp.post(port(server), IngestRoutes.PATH, contentType, body, null);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        long after = heapAfterCollection();
        String health = stillHealthyAndCounting(server, http);
        table.add("| " + input + " | " + a.status() + ", " + a.bytes() + " bytes | " + took.toMillis() + " ms | " + (before / MB) + " MB | "
                + (after / MB) + " MB | " + health + " |");

        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.body()).contains(message);
        assertThat(a.bytes()).isLessThan(64 * 1024);
        assertThat(after - before).isLessThan(50 * MB);
        return a;
    }

    @Test
    void more_slow_drip_clients_than_the_server_has_threads_leave_health_metrics_and_queries_answering(PipelineServer server, Http http) throws Exception {
        int clientCount = 40; // the eight, and more than INDICATORS_HTTP_THREADS (32): only the ingest queue protects the rest
        List<Socket> clients = new ArrayList<>();
        AtomicBoolean dripping = new AtomicBoolean(true);
        List<Thread> drips = new ArrayList<>();
        int busyStatus;
        try {
            for (int i = 0; i < clientCount; i++) {
                Socket s = new Socket("127.0.0.1", port(server));
                clients.add(s);
                OutputStream out = s.getOutputStream();
                out.write(("POST " + IngestRoutes.PATH + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n[")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread t = new Thread(() -> {
                    try {
                        while (dripping.get()) {
                            out.write(' ');
                            out.flush();
                            Thread.sleep(200);
                        }
                    } catch (IOException | InterruptedException e) {
                        // cut off by the server, or the test is over
                    }
                }, "drip-" + i);
                t.setDaemon(true);
                t.start();
                drips.add(t);
            }
            Thread.sleep(1000); // every drip client has started its request
            // /health/live within a second (the bound); the scrape and a query must answer, not wait for the drips
            // (which hold their requests for INDICATORS_INGEST_BODY_TIMEOUT, 30 s), but on a loaded machine take longer.
            for (int i = 0; i < 5; i++) {
                assertThat(http.send(http.request("/health/live").timeout(Duration.ofSeconds(1)).GET().build()).status()).isEqualTo(200);
                assertThat(http.send(http.request("/metrics").timeout(Duration.ofSeconds(10)).GET().build()).status()).isEqualTo(200);
                assertThat(http.send(http.request("/api/v1/indicators").timeout(Duration.ofSeconds(10)).GET().build()).status()).isEqualTo(200);
            }
            // Ingest itself is busy with the drips: a further request waits its turn or is told to come back, never hangs.
            Http.Answer busy = http.send(http.request(IngestRoutes.PATH).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
            assertThat(busy.status()).isIn(400, 503);
            if (busy.status() == 503) assertThat(busy.response().headers().firstValue("Retry-After")).isPresent();
            busyStatus = busy.status();
        } finally {
            dripping.set(false);
            for (Socket s : clients) s.close();
            for (Thread t : drips) t.join(2000);
        }
        table.add("| " + clientCount + " clients dripping 1 byte / 200 ms into POST /api/v1/events | /health/live 200 within 1 s, /metrics and "
                + "queries 200; another ingest request " + busyStatus + " | - | - | - | " + stillHealthyAndCounting(server, http) + " |");
    }

    @Test
    void a_stream_thread_that_is_gone_fails_readiness_until_there_is_one_again(PipelineServer server, Http http) throws Exception {
        KafkaStreams streams = server.streams().kafkaStreams();
        int threads = server.streams().settings().threads();
        Optional<String> removed = streams.removeStreamThread(Duration.ofSeconds(60));
        assertThat(removed).isPresent();
        JsonNode down = http.await("/health/ready", a -> a.status() == 503 && a.json().path("components").path("streams").path("detail").asText()
                .contains((threads - 1) + " of " + threads + " stream threads alive"), Duration.ofSeconds(60)).json();
        assertThat(down.path("notReady")).extracting(JsonNode::asText).contains("streams");

        streams.addStreamThread();
        http.await("/health/ready", a -> a.status() == 200, Duration.ofSeconds(90));
        table.add("| a stream thread removed | /health/ready 503 naming streams (" + (threads - 1) + " of " + threads + "), 200 once added back | - | - | - | "
                + stillHealthyAndCounting(server, http) + " |");
    }

    @Test
    @SuppressWarnings({"deprecation", "removal"})
    void a_stream_thread_killed_by_an_error_is_replaced_and_counted(PipelineServer server, Http http) throws Exception {
        int replacedBefore = server.streams().replacedThreads();
        String appId = server.streams().settings().applicationId();
        Thread victim = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(appId) && t.getName().matches(".*-StreamThread-\\d+") && t.isAlive())
                .findFirst().orElseThrow();
        victim.stop(); // an Error thrown at a random point of the thread, as an OutOfMemoryError would be
        victim.join(30_000);
        assertThat(victim.isAlive()).isFalse();
        int threads = server.streams().settings().threads();
        http.await("/health/ready", a -> a.status() == 200 && a.json().path("components").path("streams").path("detail").asText()
                .contains(threads + " of " + threads + " stream threads alive"), Duration.ofSeconds(90));
        assertThat(server.streams().replacedThreads()).isEqualTo(replacedBefore + 1);
        assertThat(server.metrics().registry().scrape()).contains("indicators_streams_threads_replaced_total " + (double) (replacedBefore + 1));
        table.add("| a stream thread killed (Thread.stop) | replaced, counted in indicators_streams_threads_replaced_total; ready 200 | - | - | - | "
                + stillHealthyAndCounting(server, http) + " |");
    }

    /** Readiness UP with every stream thread alive, and a new event counted; the health column of the table. */
    private String stillHealthyAndCounting(PipelineServer server, Http http) {
        Http.Answer ready = http.await("/health/ready", a -> a.status() == 200, Duration.ofSeconds(90));
        int threads = server.streams().settings().threads();
        assertThat(ready.json().path("components").path("streams").path("detail").asText()).contains(threads + " of " + threads + " stream threads alive");
        String date = String.format("2011-02-%02d", day++);
        String event = "{\"eventId\":\"hostile-" + date + "-" + System.nanoTime() + "\",\"type\":\"mediation\",\"regionCode\":\"410212\","
                + "\"department\":\"xiangfu-justice\",\"occurredAt\":\"" + date + "T09:00:00+08:00\",\"caseId\":\"HOSTILE-" + date + "-" + System.nanoTime()
                + "\",\"status\":\"RECEIVED\"}";
        assertThat(http.post(IngestRoutes.PATH, "application/json", event).status()).isEqualTo(202);
        http.awaitTotal("410212", "mediation.received", "day:" + date, 1);
        return "ready, " + threads + "/" + threads + " stream threads, still counting";
    }

    private static int port(PipelineServer server) {
        return URI.create(server.baseUrl()).getPort();
    }

    private static long heapAfterCollection() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
