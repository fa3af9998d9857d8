package dev.indicators.app.live;

import dev.indicators.app.http.ApiServer;
import dev.indicators.app.http.HttpSettings;
import dev.indicators.app.http.SubscribeRoutes;
import dev.indicators.app.support.CaughtUp;
import dev.indicators.app.support.EventStream;
import dev.indicators.app.support.Http;
import dev.indicators.app.support.SharedPipeline;
import dev.indicators.contract.region.RegionLevel;
import dev.indicators.platform.IndicatorStack;
import dev.indicators.streams.codec.RegistryEventCodec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/v1/subscribe} on the real broker and registry: a change posted to ingest reaches a subscriber as one
 * server-sent event, a subscriber that comes back with {@code Last-Event-ID} gets what it missed, and one that does not
 * read is dropped while the feed goes on. Chaoyang (110105) in 2006 is this test's alone.
 */
@ExtendWith(SharedPipeline.class)
@DisplayName("Subscribe: changed totals pushed as server-sent events, resumable, a slow client dropped")
class SubscribeStreamTest {

    private static final String REGION = "110105";
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static String mediation(String id, String status, String day) {
        return """
                {"eventId":"%s-%s","type":"mediation","regionCode":"110105","department":"chaoyang-justice","occurredAt":"%sT10:00:00+08:00",
                 "caseId":"%s","status":"%s","mediationType":"PEOPLES","disputeCategory":"neighbour"%s}
                """.formatted(id, status.toLowerCase(), day, id, status, status.equals("SUCCEEDED") ? ",\"agreementSigned\":true" : "");
    }

    @Test
    void a_posted_event_arrives_as_one_event_per_changed_total_and_a_resumed_stream_gets_what_it_missed(IndicatorStack stack, Http http) throws Exception {
        String url = http.base() + "/api/v1/subscribe?region=" + REGION + "&period=year:2006";
        String lastId;
        // Given a subscriber of Chaoyang's 2006 totals, told when it is live
        try (EventStream stream = new EventStream(url, null)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.contentType()).startsWith("text/event-stream");
            stream.await(e -> e.name().equals("ready"), WAIT, "ready");

            // When a mediation case is received through ingest
            assertThat(http.postEvents("application/json", mediation("sse-a", "RECEIVED", "2006-03-02"), WAIT).status()).isEqualTo(202);

            // Then the changed total arrives, as JSON with its id (the totals topic position after it)
            EventStream.Event received = stream.await(e -> e.name().equals("total") && e.json().get("indicator").asText().equals("mediation.received"),
                    WAIT, "mediation.received");
            assertThat(received.json().get("region").asText()).isEqualTo(REGION);
            assertThat(received.json().get("period").asText()).isEqualTo("year:2006");
            assertThat(received.json().get("value").asDouble()).isEqualTo(1.0);
            assertThat(received.id()).matches("\\d+:\\d+(,\\d+:\\d+)*");
            assertThat(http.get("/metrics").body()).containsPattern("(?m)^indicators_subscribers [1-9]");
            lastId = received.id();
        }

        // And when the case succeeds while nobody listens (and the pipeline has committed it)
        assertThat(http.postEvents("application/json", mediation("sse-a", "SUCCEEDED", "2006-03-09"), WAIT).status()).isEqualTo(202);
        CaughtUp.await(stack.bootstrapServers(), SharedPipeline.APPLICATION_ID, WAIT);

        // then a subscriber that comes back with the last id it got receives the missed changes before 'ready',
        // and not the one it already had
        try (EventStream resumed = new EventStream(url, lastId)) {
            List<EventStream.Event> replay = resumed.until(e -> e.name().equals("ready"), WAIT);
            List<String> indicators = replay.stream().filter(e -> e.name().equals("total"))
                    .map(e -> e.json().get("indicator").asText() + "=" + e.json().get("value").asText()).toList();
            assertThat(indicators).contains("mediation.succeeded=1.0", "mediation.success_rate=1.0")
                    .doesNotContain("mediation.received=1.0");
        }

        // and a stream that asks for an indicator that does not exist is refused with an error naming it
        Http.Answer bad = http.send(http.request("/api/v1/subscribe?region=" + REGION + "&indicator=mediation.nope")
                .header("Accept", "text/event-stream").GET().build());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("mediation.nope");
    }

    @Test
    void a_client_that_does_not_read_is_dropped_and_the_feed_serves_the_others(IndicatorStack stack, Http http) throws Exception {
        // A server of its own with a feed on the same totals topic and a buffer of 4 changes per subscriber
        try (RegistryEventCodec codec = new RegistryEventCodec(stack.registryUrl());
             TotalsFeed feed = new TotalsFeed(dev.indicators.contract.config.KafkaConnection.plain(stack.bootstrapServers()), stack.topics().totals(), codec.totalSerde().deserializer(),
                     dev.indicators.contract.region.RegionTable.bundled()).start();
             ApiServer server = ApiServer.start(HttpSettings.defaults().withAddress("127.0.0.1", 0),
                     List.of(new SubscribeRoutes(feed, new SubscribeSettings(4, Duration.ofSeconds(2), 10))), null);
             Socket slow = new Socket()) {
            // Given a client of every total of the nation that never reads what it is sent
            slow.setReceiveBufferSize(4096);
            slow.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()));
            slow.getOutputStream().write(("GET /api/v1/subscribe?region=000000&descendants=true HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            awaitSubscribers(feed, 1);

            // When two hundred counties each receive a mediation case
            List<String> counties = dev.indicators.contract.region.RegionTable.bundled().all().stream()
                    .filter(r -> r.level() == RegionLevel.COUNTY && !r.code().value().equals("410212"))
                    .map(r -> r.code().value()).sorted().limit(200).toList();
            String body = counties.stream().map(c -> ("{\"eventId\":\"sse-slow-%1$s\",\"type\":\"mediation\",\"regionCode\":\"%1$s\",\"department\":\"justice\","
                    + "\"occurredAt\":\"2006-06-0%2$dT10:00:00+08:00\",\"caseId\":\"sse-slow-%1$s\",\"status\":\"RECEIVED\","
                    + "\"mediationType\":\"PEOPLES\",\"disputeCategory\":\"neighbour\"}").formatted(c, 1 + Math.floorMod(c.hashCode(), 9)))
                    .collect(Collectors.joining("\n"));
            Http.Answer posted = http.postEvents("application/x-ndjson", body, WAIT);
            assertThat(posted.status()).as(posted.body()).isEqualTo(202);

            // then the silent client is dropped: it was told so, its stream ended, and it no longer counts as a subscriber
            awaitSubscribers(feed, 0);
            assertThat(feed.droppedSubscribers()).isEqualTo(1);
            slow.setSoTimeout(30_000);
            String got = readToEnd(slow.getInputStream());
            assertThat(got).contains("event: dropped").contains("INDICATORS_SUBSCRIBE_BUFFER");

            // and the feed still serves a client that reads
            try (EventStream fresh = new EventStream("http://127.0.0.1:" + server.port() + "/api/v1/subscribe?region=110105&period=year:2006", null)) {
                fresh.await(e -> e.name().equals("ready"), WAIT, "ready");
                assertThat(http.postEvents("application/json", mediation("sse-after-drop", "RECEIVED", "2006-07-01"), WAIT).status()).isEqualTo(202);
                fresh.await(e -> e.name().equals("total") && e.json().get("indicator").asText().equals("mediation.received"), WAIT, "mediation.received");
            }
        }
    }

    private static void awaitSubscribers(TotalsFeed feed, int n) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (feed.subscribers() != n) {
            if (System.nanoTime() > deadline) throw new AssertionError("the feed has " + feed.subscribers() + " subscribers, not " + n);
            Thread.sleep(50);
        }
    }

    private static String readToEnd(InputStream in) throws java.io.IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        int n;
        while ((n = in.read(buf)) > 0) all.write(buf, 0, n);
        return all.toString(StandardCharsets.UTF_8);
    }
}
