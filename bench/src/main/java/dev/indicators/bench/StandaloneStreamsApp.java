package dev.indicators.bench;

import dev.indicators.testkit.recount.Recount;
import dev.indicators.platform.process.ParentWatch;
import dev.indicators.streams.app.IndicatorStreamsApp;
import dev.indicators.streams.app.StreamsSettings;
import dev.indicators.streams.query.TotalsUnavailableException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.streams.KafkaStreams;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * The streams app alone in its own JVM, for the crash phase ({@link CrashPhase}): a process the bench can kill with
 * SIGKILL at any point, as an operating system or a supervisor would. Its settings come from a properties file (the
 * bench's run, see {@link PipelinePhase#settingsFile}); when the app is RUNNING and answers a query it writes its
 * timeline into {@code readyFile} (atomically; epoch milliseconds: {@code jvm=} the JVM's start, {@code starting=} the
 * app's start, {@code running=} RUNNING, {@code ready=} the first answer), and it exits with its parent.
 * <pre>{@code java -cp ... dev.indicators.bench.StandaloneStreamsApp streams.properties ready-file}</pre>
 */
public final class StandaloneStreamsApp {

    private StandaloneStreamsApp() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: StandaloneStreamsApp <settings.properties> <ready-file>");
            System.exit(2);
        }
        ParentWatch.exitWithParent();
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(args[0]))) {
            properties.load(in);
        }
        StreamsSettings settings = PipelinePhase.settings(properties);
        Path readyFile = Path.of(args[1]);
        IndicatorStreamsApp app = IndicatorStreamsApp.create(settings, new SimpleMeterRegistry());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "standalone-streams-stop"));
        long starting = System.currentTimeMillis();
        long[] running = {0};
        app.kafkaStreams().setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) running[0] = System.currentTimeMillis();
        });
        app.start();
        boolean announced = false;
        while (stopped.getCount() > 0) {
            KafkaStreams.State state = app.state();
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING) {
                System.err.println("standalone streams app: stopped in state " + state);
                System.exit(1);
            }
            if (state == KafkaStreams.State.RUNNING && !announced) {
                try {
                    app.query().total(Recount.NATION, Recount.indicators().get(0), "all");
                    long jvm = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
                    announce(readyFile, "jvm=" + jvm + " starting=" + starting + " running=" + running[0] + " ready=" + System.currentTimeMillis());
                    announced = true;
                    System.out.println("standalone streams app: RUNNING and queryable");
                } catch (TotalsUnavailableException notYet) {
                    // a store still restoring: ask again
                }
            } else if (state != KafkaStreams.State.RUNNING) {
                announced = false;
            }
            Thread.sleep(20);
        }
    }

    private static void announce(Path readyFile, String timeline) throws IOException {
        Path tmp = readyFile.resolveSibling(readyFile.getFileName() + ".tmp");
        Files.writeString(tmp, timeline);
        Files.move(tmp, readyFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
