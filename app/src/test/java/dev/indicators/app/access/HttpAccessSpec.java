package dev.indicators.app.access;

import dev.indicators.contract.region.RegionTable;
import dev.indicators.contract.validation.EventJson;
import dev.indicators.contract.validation.EventRules;
import dev.indicators.contract.validation.FieldError;
import dev.indicators.contract.validation.ParsedEvent;
import dev.indicators.producer.ingest.IngestCaller;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("HTTP access: bearer tokens from a hashed file, scoped by department, region subtree and event type")
class HttpAccessSpec {

    private static final RegionTable REGIONS = RegionTable.bundled();
    private static final EventJson JSON = new EventJson(new EventRules(REGIONS));

    @TempDir
    Path dir;

    private Path tokens(String body) throws Exception {
        Path next = dir.resolve("tokens.next");
        Files.writeString(next, body);
        return Files.move(next, dir.resolve("tokens.json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String publisher(String id, String secret, String region) {
        return "{\"id\":\"" + id + "\",\"sha256\":\"" + TokenFile.sha256(secret) + "\",\"role\":\"publisher\",\"department\":\"qingpu-gov\","
                + "\"regions\":[\"" + region + "\"],\"eventTypes\":[\"reconsideration\"]}";
    }

    private static ParsedEvent event(String region, String department, String type) {
        String body = type.equals("reconsideration")
                ? "{\"eventId\":\"e-1\",\"type\":\"reconsideration\",\"regionCode\":\"" + region + "\",\"department\":\"" + department
                  + "\",\"occurredAt\":\"2017-08-01T09:30:00+08:00\",\"caseId\":\"C-1\",\"stage\":\"APPLIED\"}"
                : "{\"eventId\":\"e-1\",\"type\":\"mediation\",\"regionCode\":\"" + region + "\",\"department\":\"" + department
                  + "\",\"occurredAt\":\"2017-08-01T09:30:00+08:00\",\"caseId\":\"C-1\",\"status\":\"RECEIVED\",\"mediationType\":\"PEOPLES\",\"disputeCategory\":\"NEIGHBOUR\"}";
        ParsedEvent parsed = JSON.parse(body);
        assertThat(parsed.errors()).isEmpty();
        return parsed;
    }

    private static Optional<FieldError> refusal(HttpAccess access, String token, ParsedEvent event) {
        IngestCaller caller = access.publisher("Bearer " + token);
        return caller.scope().refusal(event);
    }

    @Test
    void aTokenScopedToShanghaiCoversQingpuButNotXiangfu() throws Exception {
        HttpAccess access = new HttpAccess(Optional.of(new TokenFile(tokens("{\"tokens\":[" + publisher("sh", "s3cret-sh", "310000") + "]}"), REGIONS)), false, REGIONS);
        assertThat(refusal(access, "s3cret-sh", event("310118", "qingpu-gov", "reconsideration"))).isEmpty();
        assertThat(refusal(access, "s3cret-sh", event("310000", "qingpu-gov", "reconsideration"))).isEmpty();
        FieldError xiangfu = refusal(access, "s3cret-sh", event("410212", "qingpu-gov", "reconsideration")).orElseThrow();
        assertThat(xiangfu.field()).isEqualTo("regionCode");
        assertThat(xiangfu.value()).isEqualTo("410212");
        assertThat(xiangfu.reason()).contains("e-1").contains("410212").contains("token 'sh'").contains("310000").contains("reconsideration");
    }

    @Test
    void anotherDepartmentOrAnotherEventTypeIsOutsideTheToken() throws Exception {
        HttpAccess access = new HttpAccess(Optional.of(new TokenFile(tokens("{\"tokens\":[" + publisher("qp", "s3cret-qp", "310118") + "]}"), REGIONS)), false, REGIONS);
        assertThat(refusal(access, "s3cret-qp", event("310118", "yangquan-gov", "reconsideration")).orElseThrow().field()).isEqualTo("department");
        assertThat(refusal(access, "s3cret-qp", event("310118", "qingpu-gov", "mediation")).orElseThrow().field()).isEqualTo("type");
    }

    @Test
    void aMissingUnknownOrMalformedTokenIs401AndAReaderTokenMayNotPublish() throws Exception {
        String reader = "{\"id\":\"dash\",\"sha256\":\"" + TokenFile.sha256("s3cret-r") + "\",\"role\":\"reader\"}";
        HttpAccess access = new HttpAccess(Optional.of(new TokenFile(tokens("{\"tokens\":[" + reader + "]}"), REGIONS)), true, REGIONS);
        assertThatThrownBy(() -> access.publisher(null)).isInstanceOfSatisfying(AccessRefusedException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> access.publisher("Bearer nope")).isInstanceOfSatisfying(AccessRefusedException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> access.publisher("Basic czNjcmV0LXI=")).isInstanceOfSatisfying(AccessRefusedException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> access.publisher("Bearer s3cret-r")).isInstanceOfSatisfying(AccessRefusedException.class, e -> {
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.getMessage()).doesNotContain("s3cret-r");
        });
        access.reader("Bearer s3cret-r");
        assertThatThrownBy(() -> access.reader(null)).isInstanceOf(AccessRefusedException.class);
    }

    @Test
    void aRevokedTokenIsRefusedOnTheNextRequestAndABrokenFileRefusesEveryToken() throws Exception {
        Path file = tokens("{\"tokens\":[" + publisher("qp", "s3cret-qp", "310118") + "," + publisher("sh", "s3cret-sh", "310000") + "]}");
        TokenFile tokens = new TokenFile(file, REGIONS);
        assertThat(tokens.find("s3cret-qp")).isPresent();
        tokens("{\"tokens\":[" + publisher("sh", "s3cret-sh", "310000") + "]}");
        assertThat(tokens.find("s3cret-qp")).as("revoked").isEmpty();
        assertThat(tokens.find("s3cret-sh")).isPresent();
        tokens("{\"tokens\":[ this is not json");
        assertThat(tokens.find("s3cret-sh")).as("fail closed").isEmpty();
    }

    @Test
    void aBadTokensFileAtStartNamesTheFieldAndTheValue() throws Exception {
        Path file = tokens("{\"tokens\":[{\"id\":\"x\",\"sha256\":\"" + TokenFile.sha256("t") + "\",\"role\":\"publisher\",\"department\":\"d\",\"regions\":[\"999999\"],\"eventTypes\":[\"reconsideration\"]}]}");
        assertThatThrownBy(() -> new TokenFile(file, REGIONS)).hasMessageContaining("field 'regions' = '999999'");
    }

    @Test
    void aTokenAboveItsRateWaitsForTheBucketToRefill() {
        AtomicLong now = new AtomicLong();
        RequestRate rate = new RequestRate(now::get);
        assertThat(rate.take("t", 2)).isEmpty();
        assertThat(rate.take("t", 2)).isEmpty();
        assertThat(rate.take("t", 2)).hasValue(Duration.ofMillis(500));
        now.addAndGet(Duration.ofMillis(500).toNanos());
        assertThat(rate.take("t", 2)).isEmpty();
        assertThat(rate.take("other", 2)).as("each token has its own bucket").isEmpty();
    }
}
