package dev.indicators.app.access;

import dev.indicators.app.dashboard.HeadlessChromium;
import dev.indicators.app.support.Tee;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import com.fasterxml.jackson.databind.JsonNode;
import dev.indicators.app.PipelineServer;
import dev.indicators.app.support.Http;
import dev.indicators.contract.Settings;
import dev.indicators.contract.access.KafkaClientSecurity;
import dev.indicators.contract.access.Provenance;
import dev.indicators.contract.avro.ReconsiderationEvent;
import dev.indicators.contract.avro.ReconsiderationStage;
import dev.indicators.platform.IndicatorStack;
import dev.indicators.platform.access.AccessRoles;
import dev.indicators.platform.junit.SharedIndicatorStack;
import dev.indicators.producer.publish.IndicatorPublisher;
import dev.indicators.producer.publish.PublisherSettings;
import dev.indicators.streams.app.StreamsSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline process on the secure stack (SASL/SCRAM, ACLs, write-protected registry): bearer tokens on ingest, the
 * provenance check, and no secret in the logs or the metrics. One stack and one pipeline for all of it.
 */
@ExtendWith(SharedIndicatorStack.Secure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurePipelineTest {

    private static final String QINGPU_TOKEN = "qp-" + dev.indicators.platform.access.StackCredentials.newSecret(40);
    private static final String SHANGHAI_TOKEN = "sh-" + dev.indicators.platform.access.StackCredentials.newSecret(40);
    private static final String SLOW_TOKEN = "slow-" + dev.indicators.platform.access.StackCredentials.newSecret(40);
    /** Reads need a token on this server (INDICATORS_HTTP_READ_ACCESS=token): a dashboard's reader token. */
    private static final String READER_TOKEN = "rd-" + dev.indicators.platform.access.StackCredentials.newSecret(40);
    private static final String GOV = "qingpu-district-gov";

    private static final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private static PrintStream originalErr;
    private static PrintStream originalOut;
    private static PipelineServer server;
    private static Http http;
    private static Path tokens;

    @BeforeAll
    static void captureTheProcessLogs() {
        originalErr = System.err;
        originalOut = System.out;
        System.setErr(new PrintStream(new Tee(originalErr, logs), true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(new Tee(originalOut, logs), true, StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
        System.setErr(originalErr);
        System.setOut(originalOut);
    }

    private static synchronized Http pipeline(IndicatorStack stack) throws Exception {
        if (server != null) return http;
        Path dir = Files.createTempDirectory("secure-pipeline");
        Path clientConfig = stack.credentials().orElseThrow().writeClientConfig(AccessRoles.PIPELINE, dir.resolve("pipeline.properties"));
        tokens = dir.resolve("tokens.json");
        writeTokens(true);
        Map<String, String> values = new HashMap<>();
        values.put(KafkaClientSecurity.SETTING, clientConfig.toString());
        values.put("INDICATORS_REGISTRY_AUTO_REGISTER", "false");
        values.put(HttpAccess.TOKENS_FILE, tokens.toString());
        values.putAll(dev.indicators.app.demo.DemoCommand.stackSettings(stack, Files.createTempDirectory("secure-streams"), 0));
        values.put(dev.indicators.contract.config.SettingCatalogue.APPLICATION_ID.name(), "indicator-pipeline-secure-test");
        values.put(dev.indicators.contract.config.SettingCatalogue.REFRESH_INTERVAL.name(), "2s");
        values.put(dev.indicators.contract.config.SettingCatalogue.LAG_INTERVAL.name(), "500ms");
        values.put(dev.indicators.contract.config.SettingCatalogue.HTTP_READ_ACCESS.name(), "token");
        server = PipelineServer.start(dev.indicators.app.ServerConfiguration.of(Settings.of(Map.of()), values));
        if (!server.streams().awaitRunning(Duration.ofSeconds(90))) {
            throw new IllegalStateException("streams app did not reach RUNNING: " + server.streams().state());
        }
        http = new Http(server.baseUrl()).readingWith(READER_TOKEN);
        return http;
    }

    private static void writeTokens(boolean withQingpu) throws Exception {
        List<String> entries = new ArrayList<>();
        if (withQingpu) {
            entries.add(token("qingpu-gov", QINGPU_TOKEN, "310118", null));
        }
        entries.add(token("shanghai-gov", SHANGHAI_TOKEN, "310000", null));
        entries.add(token("slow-gov", SLOW_TOKEN, "310118", 0.001));
        entries.add("{\"id\":\"dashboard\",\"sha256\":\"" + TokenFile.sha256(READER_TOKEN) + "\",\"role\":\"reader\"}");
        Path next = tokens.resolveSibling("tokens.json.next");
        Files.writeString(next, "{\"tokens\": [" + String.join(",", entries) + "]}");
        Files.move(next, tokens, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String token(String id, String secret, String region, Double rate) {
        return "{\"id\":\"" + id + "\",\"sha256\":\"" + TokenFile.sha256(secret) + "\",\"role\":\"publisher\",\"department\":\"" + GOV
                + "\",\"regions\":[\"" + region + "\"],\"eventTypes\":[\"reconsideration\"]"
                + (rate == null ? "" : ",\"requestsPerSecond\":" + rate) + "}";
    }

    private static String event(String eventId, String region, String caseId) {
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"reconsideration\",\"regionCode\":\"" + region + "\",\"department\":\"" + GOV
                + "\",\"occurredAt\":\"2008-05-06T09:00:00+08:00\",\"caseId\":\"" + caseId + "\",\"stage\":\"APPLIED\"}";
    }

    private static Http.Answer post(String token, String body) {
        HttpRequest.Builder b = http.request("/api/v1/events").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return http.send(b.build());
    }

    @Test
    @Order(1)
    void anIngestRequestWithoutOrWithAnUnknownTokenIs401(IndicatorStack stack) throws Exception {
        pipeline(stack);
        Http.Answer none = post(null, event("sec-none-1", "310118", "SEC-NONE-1"));
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.response().headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(post("not-a-token", event("sec-none-2", "310118", "SEC-NONE-2")).status()).isEqualTo(401);
    }

    @Test
    @Order(2)
    void aQingpuTokenIsRefusedAXiangfuEventAndItsQingpuEventIsCounted(IndicatorStack stack) throws Exception {
        pipeline(stack);
        Http.Answer xiangfu = post(QINGPU_TOKEN, event("sec-xf-1", "410212", "SEC-XF-1"));
        assertThat(xiangfu.status()).isEqualTo(403);
        JsonNode refused = xiangfu.json().path("events").get(0);
        assertThat(refused.path("status").asText()).isEqualTo("forbidden");
        assertThat(refused.path("topic").isMissingNode() || refused.path("topic").isNull()).as("not published").isTrue();
        assertThat(refused.toString()).contains("sec-xf-1").contains("410212").contains("310118").contains("qingpu-gov");

        Http.Answer qingpu = post(QINGPU_TOKEN, event("sec-qp-1", "310118", "SEC-QP-1"));
        assertThat(qingpu.status()).as(qingpu.body()).isEqualTo(202);
        http.awaitTotal("310118", "reconsideration.applied", "year:2008", 1);

        // in one request: the in-scope event is published, the other is refused by name
        Http.Answer mixed = post(QINGPU_TOKEN, "[" + event("sec-qp-2", "310118", "SEC-QP-2") + "," + event("sec-xf-2", "410212", "SEC-XF-2") + "]");
        assertThat(mixed.status()).isEqualTo(403);
        assertThat(mixed.json().path("accepted").asInt()).isEqualTo(1);
        assertThat(mixed.json().path("events").get(0).path("status").asText()).isEqualTo("accepted");
        assertThat(mixed.json().path("events").get(1).path("status").asText()).isEqualTo("forbidden");
        http.awaitTotal("310118", "reconsideration.applied", "year:2008", 2);
        assertThat(http.get("/api/v1/totals?region=410212&indicator=reconsideration.applied&period=year:2008").json().path("value").asDouble())
                .as("nothing of the refused Xiangfu events was counted").isZero();
    }

    @Test
    @Order(3)
    void aTokenScopedToShanghaiMayPublishForQingpu(IndicatorStack stack) throws Exception {
        pipeline(stack);
        Http.Answer answer = post(SHANGHAI_TOKEN, event("sec-sh-1", "310118", "SEC-SH-1"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        http.awaitTotal("310000", "reconsideration.applied", "year:2008", 3);
    }

    @Test
    @Order(4)
    void aTokenAboveItsRateIsAnswered429WithRetryAfter(IndicatorStack stack) throws Exception {
        pipeline(stack);
        assertThat(post(SLOW_TOKEN, event("sec-slow-1", "310118", "SEC-SLOW-1")).status()).isEqualTo(202);
        Http.Answer second = post(SLOW_TOKEN, event("sec-slow-2", "310118", "SEC-SLOW-2"));
        assertThat(second.status()).isEqualTo(429);
        assertThat(second.response().headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    @Order(5)
    void aRevokedTokenIsRefusedAfterTheFileChangesWithoutARestart(IndicatorStack stack) throws Exception {
        pipeline(stack);
        writeTokens(false);
        assertThat(post(QINGPU_TOKEN, event("sec-qp-9", "310118", "SEC-QP-9")).status()).isEqualTo(401);
        assertThat(post(SHANGHAI_TOKEN, event("sec-sh-9", "310118", "SEC-SH-9")).status()).as("the others still work").isEqualTo(202);
    }

    @Test
    @Order(6)
    void anEventPublishedByAnotherDepartmentsPrincipalIsADeadLetterWithThatReason(IndicatorStack stack) throws Exception {
        pipeline(stack);
        PublisherSettings settings = PublisherSettings.fromSettings(Settings.of(Map.of("INDICATORS_REGISTRY_AUTO_REGISTER", "false")))
                .withBootstrapServers(stack.bootstrapServers()).withRegistryUrl(stack.registryUrl())
                .withExtra(new HashMap<>(stack.clientSecurity(GOV).properties()));
        ReconsiderationEvent forged = new ReconsiderationEvent("sec-forged-1", "410212", "xiangfu-district-gov",
                Instant.parse("2008-05-06T01:00:00Z"), "SEC-FORGED-1", ReconsiderationStage.APPLIED, null);
        ReconsiderationEvent own = new ReconsiderationEvent("sec-own-1", "310118", GOV,
                Instant.parse("2008-05-06T01:00:00Z"), "SEC-OWN-1", ReconsiderationStage.APPLIED, null);
        try (IndicatorPublisher publisher = IndicatorPublisher.create(settings, new SimpleMeterRegistry())) {
            publisher.publish(forged).get(30, TimeUnit.SECONDS);
            publisher.publish(own).get(30, TimeUnit.SECONDS);
        }
        ConsumerRecord<byte[], byte[]> letter = deadLetter(stack, "SEC-FORGED-1");
        assertThat(header(letter, "dlq.reason")).isEqualTo("published-by-mismatch");
        assertThat(header(letter, Provenance.PUBLISHED_BY)).isEqualTo(GOV);
        // 2 Qingpu-token events, 1 Shanghai, 1 slow, 1 after the revocation: 5 before, and this own one
        http.awaitTotal("310118", "reconsideration.applied", "year:2008", 6);
        assertThat(http.get("/api/v1/totals?region=410212&indicator=reconsideration.applied&period=year:2008").json().path("value").asDouble()).isZero();
    }

    @Test
    @Order(7)
    void neitherTheMetricsNorTheProcessLogsContainATokenOrAPassword(IndicatorStack stack) throws Exception {
        pipeline(stack);
        String metrics = http.get("/metrics").body();
        assertThat(metrics).contains("indicators_ingest_requests_total");
        String logged = logs.toString(StandardCharsets.UTF_8);
        assertThat(logged).as("the logs were captured").contains("Kafka");
        List<String> secrets = new ArrayList<>(List.of(QINGPU_TOKEN, SHANGHAI_TOKEN, SLOW_TOKEN, READER_TOKEN));
        for (String user : stack.credentials().orElseThrow().users()) secrets.add(stack.credentials().get().password(user));
        for (String secret : secrets) {
            assertThat(metrics).doesNotContain(secret);
            assertThat(logged).doesNotContain(secret);
            assertThat(Files.readString(stack.kafka().logFile())).doesNotContain(secret);
            assertThat(Files.readString(stack.registry().logFile())).doesNotContain(secret);
        }
    }

    @Test
    @Order(8)
    void readsNeedAValidTokenInTheHeaderOrTheAccessTokenParameterAReaderTokenMayNotPublishAndTheDashboardFilesStayOpen(IndicatorStack stack) throws Exception {
        pipeline(stack);
        String total = "/api/v1/totals?region=310118&indicator=reconsideration.applied&period=year:2008";
        Http anonymous = new Http(server.baseUrl());
        Http.Answer none = anonymous.get(total);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().path("error").asText()).isEqualTo("missing bearer token: send 'Authorization: Bearer <token>'");
        assertThat(anonymous.readingWith("not-a-token").get(total).status()).isEqualTo(401);
        assertThat(anonymous.get("/metrics").status()).isEqualTo(401);
        assertThat(anonymous.get("/api/v1/regions").status()).isEqualTo(401);

        double value = http.get(total).json().path("value").asDouble();
        assertThat(value).as("the reader token reads; six Qingpu applications of 2008 were counted above").isEqualTo(6.0);
        assertThat(anonymous.get(total + "&access_token=" + READER_TOKEN).json().path("value").asDouble()).isEqualTo(6.0);
        assertThat(anonymous.get(total + "&access_token=wrong").status()).isEqualTo(401);
        assertThat(anonymous.readingWith(SHANGHAI_TOKEN).get(total).status()).as("a publisher token reads too").isEqualTo(200);

        Http.Answer publish = post(READER_TOKEN, event("sec-reader-1", "310118", "SEC-READER-1"));
        assertThat(publish.status()).isEqualTo(403);
        assertThat(publish.json().path("error").asText()).isEqualTo("token 'dashboard' may only read; publishing needs a publisher token");

        Http.Answer page = anonymous.get("/");
        assertThat(page.status()).as("the dashboard's page holds no figures and asks for the token").isEqualTo(200);
        assertThat(page.body()).contains("id=\"tokenForm\"");
        assertThat(anonymous.get("/js/api.js").status()).isEqualTo(200);
        assertThat(anonymous.get("/health/live").status()).isEqualTo(200);
    }

    @Test
    @Order(9)
    void theDashboardAsksForTheReaderTokenRefusesAWrongOneAndThenShowsTheTotalsLive(IndicatorStack stack) throws Exception {
        pipeline(stack);
        String total = "/api/v1/totals?region=310118&indicator=reconsideration.applied&period=year:2008";
        String expected = String.valueOf((long) http.get(total).json().path("value").asDouble());
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            ChromeDriver browser = chromium.driver();
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(50));
            wait.ignoring(org.openqa.selenium.NoSuchElementException.class);
            browser.get(server.baseUrl() + "/#/region/310118?period=year:2008&indicator=reconsideration.applied");
            WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("readToken")));
            assertThat(browser.findElement(By.id("tokenProblem")).getText()).contains("token");

            input.sendKeys("not-a-token");
            browser.findElement(By.cssSelector("#tokenForm button")).click();
            wait.until(d -> d.findElement(By.id("tokenProblem")).getText().startsWith("The token was refused"));

            browser.findElement(By.id("readToken")).clear();
            browser.findElement(By.id("readToken")).sendKeys(READER_TOKEN);
            browser.findElement(By.cssSelector("#tokenForm button")).click();
            wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
            WebElement tile = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector(".tile[data-indicator='reconsideration.applied'] .value")));
            wait.until(d -> tile.getText().equals(expected));
            assertThat(browser.findElement(By.id("tokenForm")).isDisplayed()).isFalse();
            // the event stream, which cannot send a header, reads with the access_token parameter
            wait.until(d -> d.findElement(By.id("liveText")).getText().equals("live · server push"));
            System.out.println("screenshot: " + chromium.screenshot("secure_dashboard_with_a_reader_token"));
        }
    }

    private static ConsumerRecord<byte[], byte[]> deadLetter(IndicatorStack stack, String key) throws Exception {
        Map<String, Object> p = stack.clientSecurity(AccessRoles.ADMIN).clientProperties(stack.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(stack.topics().deadLetter()).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key() != null && key.equals(new String(r.key(), StandardCharsets.UTF_8))) return r;
                }
            }
        }
        throw new AssertionError("no dead letter with key " + key);
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        return Optional.ofNullable(r.headers().lastHeader(name)).map(h -> new String(h.value(), StandardCharsets.UTF_8)).orElse(null);
    }
}
