package dev.indicators.app.targets;

import dev.indicators.app.live.TotalsFeed;
import dev.indicators.app.support.Http;
import dev.indicators.app.support.SharedPipeline;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.platform.IndicatorStack;
import dev.indicators.streams.codec.RegistryEventCodec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A target that flips publishes an alert record on the compacted alerts topic, on the real broker and registry: the
 * totals come from the running pipeline through the totals topic, as in production. Fengtai (110106) in 2006 is this
 * test's alone; the alerts topic is the test's own.
 */
@ExtendWith(SharedPipeline.class)
@DisplayName("Target alerts: a flip of met / missed is published on the alerts topic")
class TargetAlertsTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    private static String mediation(String caseId, String status) {
        return ("{\"eventId\":\"%s-%s\",\"type\":\"mediation\",\"regionCode\":\"110106\",\"department\":\"fengtai-justice\","
                + "\"occurredAt\":\"2006-05-0%dT10:00:00+08:00\",\"caseId\":\"%s\",\"status\":\"%s\",\"mediationType\":\"PEOPLES\","
                + "\"disputeCategory\":\"neighbour\"}").formatted(caseId, status.toLowerCase(), status.equals("RECEIVED") ? 1 : 2, caseId, status);
    }

    @Test
    void a_success_rate_that_reaches_and_then_falls_below_its_target_publishes_met_then_missed(IndicatorStack stack, Http http) throws Exception {
        String topic = "alerts-test-" + UUID.randomUUID().toString().substring(0, 8);
        List<Target> targets = TargetsFile.read(new StringReader("""
                region,indicator,period_kind,comparator,threshold,source
                110106,mediation.success_rate,year,>=,60%,test plan
                """), "test targets", RegionTable.bundled());
        try (AlertsTopic alerts = new AlertsTopic(dev.indicators.contract.config.KafkaConnection.plain(stack.bootstrapServers()), topic);
             RegistryEventCodec codec = new RegistryEventCodec(stack.registryUrl());
             TotalsFeed feed = new TotalsFeed(dev.indicators.contract.config.KafkaConnection.plain(stack.bootstrapServers()), stack.topics().totals(), codec.totalSerde().deserializer(),
                     RegionTable.bundled())) {
            alerts.provision();
            TargetWatch watch = new TargetWatch(targets, alerts::publish, Clock.systemUTC());
            feed.listen(watch);
            feed.start();
            feed.subscribe(new dev.indicators.app.live.SubscriptionFilter("110106", null, null, false), 10, WAIT); // waits until the feed reads

            // Given one mediation that succeeded in Fengtai in 2006 (100 %: the target of 60 % is met)
            post(http, mediation("alert-a", "RECEIVED") + "\n" + mediation("alert-a", "SUCCEEDED"));
            List<TargetAlert> first = awaitAlerts(alerts, 1);
            assertThat(first.get(0).status()).isEqualTo(TargetStatus.MET);
            assertThat(first.get(0).previousStatus()).isEqualTo(TargetStatus.NO_DATA);
            assertThat(first.get(0).period()).isEqualTo("year:2006");
            assertThat(first.get(0).key()).isEqualTo("110106|year:2006|mediation.success_rate>=0.6");

            // When two more fail (1 of 3: 33 %)
            post(http, mediation("alert-b", "RECEIVED") + "\n" + mediation("alert-b", "FAILED") + "\n"
                    + mediation("alert-c", "RECEIVED") + "\n" + mediation("alert-c", "FAILED"));

            // then the flip to missed is published, with the figures and the threshold
            List<TargetAlert> both = awaitAlerts(alerts, 2);
            TargetAlert missed = both.get(1);
            assertThat(missed.status()).isEqualTo(TargetStatus.MISSED);
            assertThat(missed.previousStatus()).isEqualTo(TargetStatus.MET);
            assertThat(missed.numerator()).isEqualTo(1L);
            assertThat(missed.denominator()).isEqualTo(3L);
            assertThat(missed.threshold()).isEqualTo(0.6);
            assertThat(missed.source()).isEqualTo("test plan");
        }
    }

    private static void post(Http http, String ndjson) {
        Http.Answer a = http.postEvents("application/x-ndjson", ndjson, WAIT);
        assertThat(a.status()).as(a.body()).isEqualTo(202);
    }

    /** The alerts on the topic once there are {@code n} of the year 2006 (only the month's flips besides). */
    private static List<TargetAlert> awaitAlerts(AlertsTopic alerts, int n) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<TargetAlert> got = List.of();
        while (System.nanoTime() < deadline) {
            alerts.flush();
            got = alerts.readAll(Duration.ofSeconds(10)).stream().filter(a -> a.period().equals("year:2006")).toList();
            if (got.size() >= n) return got;
            Thread.sleep(200);
        }
        throw new AssertionError("expected " + n + " alerts, got " + got);
    }
}
