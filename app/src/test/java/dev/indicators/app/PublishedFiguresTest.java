package dev.indicators.app;

import dev.indicators.app.support.CaughtUp;
import dev.indicators.app.support.Http;
import dev.indicators.app.support.SharedPipeline;
import dev.indicators.platform.IndicatorStack;
import dev.indicators.producer.publish.PublishResult;
import dev.indicators.producer.sample.PublishedFiguresSample;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published Qingpu 2017 and Yangquan 2019 counts, reproduced from case-level events on the real broker and
 * registry, read back over HTTP, including their roll-up to Shanghai (via the Shanghai districts, 310100) and Shanxi.
 * The events are sent twice: re-sends must not change a single total. Every figure is read once, after the streams
 * app has processed and committed everything it was sent, so a value that overshot and came back would be seen.
 */
@ExtendWith(SharedPipeline.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublishedFiguresTest {

    private final PublishedFiguresSample sample = PublishedFiguresSample.load();
    private Http http;

    @BeforeAll
    void publishTheSampleTwice(PipelineServer server, Http http, IndicatorStack stack) throws Exception {
        this.http = http;
        for (int round = 0; round < 2; round++) {
            List<CompletableFuture<PublishResult>> sends = new ArrayList<>();
            for (SpecificRecord e : sample.events()) sends.add(server.publisher().publish(e));
            server.publisher().flush();
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        }
        // Not "until the value equals the expectation": until nothing sent is left unprocessed or uncommitted.
        CaughtUp.await(stack.bootstrapServers(), SharedPipeline.APPLICATION_ID, Duration.ofMinutes(3));
    }

    @TestFactory
    Stream<DynamicTest> every_representable_published_count_is_reproduced() {
        assertThat(sample.expectations()).hasSizeGreaterThanOrEqualTo(15);
        return sample.expectations().stream().map(e -> DynamicTest.dynamicTest(e.totalKey() + " = " + e.value(), () ->
                assertThat(value(e.figure().regionCode(), e.indicator(), e.figure().year())).isEqualTo(e.value())));
    }

    @TestFactory
    Stream<DynamicTest> qingpu_rolls_up_to_the_shanghai_districts_and_shanghai_and_yangquan_to_shanxi() {
        Map<String, String> parents = Map.of("310118", "310100", "310100", "310000", "140300", "140000");
        return sample.expectations().stream().flatMap(e -> Stream.of(parents.get(e.figure().regionCode()),
                        parents.get(parents.getOrDefault(e.figure().regionCode(), "")))
                .filter(p -> p != null)
                .map(parent -> DynamicTest.dynamicTest(parent + "|" + e.indicator() + "|year:" + e.figure().year() + " = " + e.value(), () ->
                        assertThat(value(parent, e.indicator(), e.figure().year())).isEqualTo(e.value()))));
    }

    @Test
    void the_qingpu_dispositions_add_up_to_the_applications_and_the_outcomes_to_the_concluded() {
        double applied = value("310118", "reconsideration.applied");
        double dispositions = value("310118", "reconsideration.accepted") + value("310118", "reconsideration.rejected")
                + value("310118", "reconsideration.correction_requested");
        assertThat(dispositions).isEqualTo(applied).isEqualTo(142);
        double outcomes = Stream.of("upheld", "dismissed", "terminated", "revoked", "confirmed_illegal")
                .mapToDouble(o -> value("310118", "reconsideration.outcome." + o)).sum();
        assertThat(outcomes).isEqualTo(value("310118", "reconsideration.concluded")).isEqualTo(68);
    }

    @Test
    void the_qingpu_mediation_success_rate_is_computed_from_counts_with_numerator_and_denominator() {
        var rate = http.get("/api/v1/totals?region=310118&indicator=mediation.success_rate&period=year:2017").json();
        assertThat(rate.path("numerator").asLong()).isEqualTo(10_388);
        assertThat(rate.path("denominator").asLong()).isEqualTo(10_876);
        assertThat(rate.path("value").asDouble()).isCloseTo(0.955, org.assertj.core.data.Offset.offset(0.0005));
    }

    @Test
    void the_qingpu_correction_rate_counts_revoked_and_confirmed_illegal_over_concluded() {
        var rate = http.get("/api/v1/totals?region=310118&indicator=reconsideration.correction_rate&period=year:2017").json();
        assertThat(rate.path("numerator").asLong()).isEqualTo(12);
        assertThat(rate.path("denominator").asLong()).isEqualTo(68);
    }

    private double value(String region, String indicator) {
        return value(region, indicator, 2017);
    }

    private double value(String region, String indicator, int year) {
        Http.Answer a = http.get("/api/v1/totals?region=" + region + "&indicator=" + indicator + "&period=year:" + year);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json().path("value").asDouble();
    }
}
