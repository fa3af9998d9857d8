package dev.indicators.app.http;

import dev.indicators.contract.Settings;
import dev.indicators.app.health.Readiness;
import dev.indicators.contract.validation.EventJson;
import dev.indicators.contract.validation.EventRules;
import dev.indicators.producer.ingest.IngestService;
import dev.indicators.producer.ingest.IngestSettings;
import dev.indicators.producer.cli.ConfigOptions;
import dev.indicators.producer.cli.SettingDefaults;
import dev.indicators.producer.publish.ConnectionOptions;
import dev.indicators.producer.publish.IndicatorPublisher;
import dev.indicators.producer.publish.PublisherSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code indicators ingest}: serves {@link IngestService} on its own ({@code POST /api/v1/events}, plus
 * {@code /health/live} and {@code /health/ready}) on the same {@link ApiServer} as the pipeline, until stopped.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true, defaultValueProvider = SettingDefaults.class,
        description = {"Serves POST " + IngestRoutes.PATH + " (one JSON event, a JSON array, or NDJSON) and publishes the events to Kafka.",
                "Answers 202 when all were accepted, 400 naming each invalid event's fields (valid ones are still published), "
                        + "413 above the size or event limit, 415 for a Content-Type other than JSON or NDJSON, 503 with Retry-After when Kafka does not answer in time or ingest is busy."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped normally", "2:usage error", "3:cannot listen on the port or set up the producer"})
public class IngestCommand implements Callable<Integer> {

    @Mixin
    HttpOptions address = new HttpOptions();

    @Option(names = "--max-bytes", paramLabel = "N", descriptionKey = "INDICATORS_INGEST_MAX_BYTES",
            description = "The largest request body in bytes (default: ${DEFAULT-VALUE}).")
    Long maxBytes;

    @Option(names = "--kafka-timeout", paramLabel = "DURATION", descriptionKey = "INDICATORS_INGEST_KAFKA_TIMEOUT",
            description = "How long to wait for Kafka before answering 503, e.g. 5s (default: ${DEFAULT-VALUE}).")
    String kafkaTimeout;

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Mixin
    ConfigOptions config = new ConfigOptions();

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Settings settings;
        IngestSettings ingest;
        HttpSettings http;
        EventRules rules;
        try {
            settings = config.settings();
            ingest = IngestSettings.fromSettings(settings);
            http = HttpSettings.fromSettings(settings);
            rules = connection.rules(settings);
        } catch (RuntimeException e) {
            err.println("ingest: " + e.getMessage());
            return 2;
        }
        PublisherSettings ps = connection.publisherSettings(settings).withClientId("indicators-ingest").withSendTimeout(ingest.kafkaTimeout());
        IndicatorPublisher publisher;
        try {
            publisher = IndicatorPublisher.create(ps, rules, new SimpleMeterRegistry());
        } catch (RuntimeException e) {
            err.println("ingest: cannot set up the Kafka producer: " + e.getMessage());
            return 3;
        }
        ApiServer server;
        try {
            IngestService service = new IngestService(publisher, new EventJson(rules), ingest, new SimpleMeterRegistry());
            dev.indicators.app.access.HttpAccess access = dev.indicators.app.access.HttpAccess.fromSettings(settings, connection.regions(settings));
            server = ApiServer.start(http, List.of(new IngestRoutes(service, access), new HealthRoutes(new Readiness(List.of()))), IngestRoutes.PATH);
        } catch (RuntimeException e) {
            publisher.close();
            err.println("ingest: " + e.getMessage());
            return 3;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            publisher.close();
            stopped.countDown();
        }, "ingest-shutdown"));
        out.println("ingest listening on " + server.baseUrl() + IngestRoutes.PATH + " (Kafka " + ps.bootstrapServers() + ", registry " + ps.registryUrl() + ")");
        out.flush();
        stopped.await();
        return 0;
    }
}
