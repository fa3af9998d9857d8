package dev.indicators.streams.support;

import dev.indicators.streams.app.StoreKind;
import dev.indicators.testkit.events.RandomHistories;
import org.apache.avro.specific.SpecificRecord;

import java.time.Duration;
import java.util.List;

/**
 * Drives the whole topology in a TopologyTestDriver with random histories, for profiling the app's own CPU per event
 * (no broker): {@code java -XX:StartFlightRecording=... -cp <test classpath> dev.indicators.streams.support.TopologyLoad 20000}.
 * Prints events per second; not a test, and not a throughput claim about the real pipeline (see the bench).
 */
public final class TopologyLoad {

    public static void main(String[] args) {
        int cases = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        List<SpecificRecord> events = new RandomHistories(42, TestPipeline.NOW, Duration.ofDays(700)).generate(cases, cases, cases * 2 / 3, cases / 3);
        try (TestPipeline pipeline = new TestPipeline(TestPipeline.NOW, Duration.ofDays(30), StoreKind.PERSISTENT, null, Duration.ofSeconds(5))) {
            long start = System.nanoTime();
            pipeline.send(events);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%d events in %.1f s: %.0f events/s%n", events.size(), seconds, events.size() / seconds);
        }
    }
}
