package dev.indicators.app.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.indicators.platform.IndicatorStack;
import dev.indicators.platform.junit.SharedIndicatorStack;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code indicators serve} from the serve distribution, as its own OS processes, on the real broker and registry:
 * one instance counts what it is sent; a second instance with the same application id takes a share of the work,
 * and both answer every total (forwarding what the other owns) with the expected value; SIGTERM stops each.
 */
@DisplayName("indicators serve: production instances as OS processes, any instance answers any total")
@ExtendWith(SharedIndicatorStack.class)
class ServeInstancesTest {

    /** A day no other test publishes in, so the totals below count only this test's events. */
    private static final String DAY = "2008-08-08";
    /** Counties in six provinces (so their totals live in several tasks), with how many cases each receives. */
    private static final Map<String, Integer> COUNTIES = new LinkedHashMap<>();

    static {
        COUNTIES.put("310118", 1); // Qingpu, Shanghai
        COUNTIES.put("410212", 2); // Xiangfu, Henan
        COUNTIES.put("110105", 3); // Chaoyang, Beijing
        COUNTIES.put("440305", 4); // Nanshan, Guangdong
        COUNTIES.put("510104", 5); // Jinjiang, Sichuan
        COUNTIES.put("140302", 6); // Yangquan's Chengqu, Shanxi
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void two_instances_answer_every_total_with_the_expected_value_whichever_is_asked(IndicatorStack stack, @TempDir Path dir) throws Exception {
        Path distribution = ServeDistribution.unpack(Files.createDirectories(dir.resolve("dist")));
        String applicationId = "serve-it-" + UUID.randomUUID();
        Map<String, Long> expected = expectedTotals();

        try (ServeProcess a = ServeProcess.start(distribution, env(stack, applicationId, dir.resolve("state-a")), "--instance-id", "serve-a")) {
            // Given one instance, posted events are accepted and counted
            awaitStatus(a.baseUrl() + "/health/ready", 200, a);
            // (a 503 says to send again, which is safe: the eventIds make a re-sent event count once)
            String events = events();
            HttpResponse<String> posted = null;
            for (int attempt = 0; attempt < 10 && (posted == null || posted.statusCode() == 503); attempt++) {
                posted = http.send(HttpRequest.newBuilder(URI.create(a.baseUrl() + "/api/v1/events"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(events)).build(),
                        HttpResponse.BodyHandlers.ofString());
            }
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
            for (var e : expected.entrySet()) assertThat(awaitTotal(a, e.getKey(), e.getValue())).isEqualTo(e.getValue());

            // When a second instance joins the same application
            try (ServeProcess b = ServeProcess.start(distribution, env(stack, applicationId, dir.resolve("state-b")), "--instance-id", "serve-b")) {
                awaitStatus(b.baseUrl() + "/health/ready", 200, b);
                // Then each instance answers every total with the expected value, from its own state or its owner's
                Set<String> answeredBy = new HashSet<>();
                boolean forwarded = false;
                for (ServeProcess asked : List.of(a, b)) {
                    for (var e : expected.entrySet()) {
                        HttpResponse<String> answer = awaitAnswer(asked, e.getKey(), e.getValue());
                        assertThat(value(answer)).as("%s asked for %s", asked.instanceId(), e.getKey()).isEqualTo(e.getValue());
                        String by = answer.headers().firstValue("X-Indicators-Answered-By").orElseThrow();
                        answeredBy.add(by);
                        forwarded |= !by.equals(asked.instanceId());
                    }
                }
                assertThat(answeredBy).isSubsetOf("serve-a", "serve-b");
                assertThat(forwarded).as("some total was answered by the instance that owns it, not the one asked").isTrue();

                // And SIGTERM stops each instance and frees its port
                assertThat(b.terminate()).as("serve-b stopped after SIGTERM").isTrue();
                assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create(b.baseUrl() + "/health/live")).build(),
                        HttpResponse.BodyHandlers.ofString())).isInstanceOf(ConnectException.class);
            }
            // The remaining instance takes the departed one's work over and still answers everything
            for (var e : expected.entrySet()) assertThat(awaitTotal(a, e.getKey(), e.getValue())).isEqualTo(e.getValue());
            assertThat(a.terminate()).as("serve-a stopped after SIGTERM").isTrue();
        }
    }

    private static Map<String, String> env(IndicatorStack stack, String applicationId, Path stateDir) {
        return ServeProcess.environment(stack, applicationId, stateDir);
    }

    /** Each county's cases, its province's and the nation's, for mediation.received on DAY. */
    private static Map<String, Long> expectedTotals() {
        Map<String, Long> totals = new LinkedHashMap<>();
        long nation = 0;
        for (var e : COUNTIES.entrySet()) {
            totals.put(e.getKey(), (long) e.getValue());
            totals.merge(e.getKey().substring(0, 2) + "0000", (long) e.getValue(), Long::sum);
            nation += e.getValue();
        }
        totals.put("000000", nation);
        return totals;
    }

    private static String events() {
        StringBuilder body = new StringBuilder("[");
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (var e : COUNTIES.entrySet()) {
            for (int i = 0; i < e.getValue(); i++) {
                if (body.length() > 1) body.append(',');
                String id = "serve-it-" + run + "-" + e.getKey() + "-" + i;
                body.append("""
                        {"eventId":"%s","type":"mediation","regionCode":"%s","department":"serve-it",
                         "occurredAt":"%sT09:00:00+08:00","caseId":"%s","status":"RECEIVED"}""".formatted(id, e.getKey(), DAY, id));
            }
        }
        return body.append(']').toString();
    }

    private long awaitTotal(ServeProcess instance, String region, long expected) throws Exception {
        return value(awaitAnswer(instance, region, expected));
    }

    /** Asks until the answer is 200 with the expected value (503 while a rebalance or restore is in progress). */
    private HttpResponse<String> awaitAnswer(ServeProcess instance, String region, long expected) throws Exception {
        URI uri = URI.create(instance.baseUrl() + "/api/v1/totals?region=" + region + "&indicator=mediation.received&period=day:" + DAY);
        return await(uri, r -> r.statusCode() == 200 && value(r) == expected, instance);
    }

    private void awaitStatus(String url, int status, ServeProcess instance) throws Exception {
        await(URI.create(url), r -> r.statusCode() == status, instance);
    }

    private HttpResponse<String> await(URI uri, Predicate<HttpResponse<String>> condition, ServeProcess instance) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        HttpResponse<String> last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                last = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                if (condition.test(last)) return last;
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError(uri + " never answered as expected; last answer " + (last == null ? "none" : last.statusCode() + " " + last.body())
                + "\n" + instance.instanceId() + " output:\n" + instance.output());
    }

    private long value(HttpResponse<String> r) {
        try {
            JsonNode node = json.readTree(r.body());
            return node.path("value").asLong(-1);
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
