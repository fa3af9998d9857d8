package dev.indicators.app.support;

import dev.indicators.app.PipelineServer;
import dev.indicators.producer.publish.PublishResult;
import dev.indicators.producer.sample.PublishedFiguresSample;
import org.apache.avro.specific.SpecificRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The sample built from the published figures (Qingpu 2017, Yangquan 2019), published once per test run into the
 * shared pipeline and waited for; the test classes that read it call {@link #into} (a second call waits only).
 */
public final class PublishedSampleLoaded {

    private static boolean published;

    private PublishedSampleLoaded() {
    }

    public static synchronized void into(PipelineServer server, Http http) throws Exception {
        if (!published) {
            List<CompletableFuture<PublishResult>> sends = new ArrayList<>();
            for (SpecificRecord e : PublishedFiguresSample.load().events()) sends.add(server.publisher().publish(e));
            server.publisher().flush();
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
            published = true;
        }
        // ~32,000 events: on a loaded 2-core machine (four builds at once) counting them has taken over five minutes.
        Duration wait = Duration.ofMinutes(10);
        http.await("/api/v1/totals?region=310118&indicator=mediation.received&period=year:2017",
                a -> a.status() == 200 && a.json().get("value").asDouble() == 10_876, wait); // the last count to settle
        http.await("/api/v1/totals?region=310118&indicator=reconsideration.accepted&period=year:2017",
                a -> a.status() == 200 && a.json().get("value").asDouble() == 79, wait);
        http.await("/api/v1/totals?region=140300&indicator=mediation.received&period=year:2019",
                a -> a.status() == 200 && a.json().get("value").asDouble() == 3_281, wait);
    }
}
