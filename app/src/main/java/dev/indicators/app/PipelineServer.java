package dev.indicators.app;

import dev.indicators.contract.access.KafkaClientSecurity;
import dev.indicators.app.health.KafkaReadiness;
import dev.indicators.app.health.LagSamplerReadiness;
import dev.indicators.app.health.MemoryReadiness;
import dev.indicators.app.health.Readiness;
import dev.indicators.app.health.ReadinessCheck;
import dev.indicators.app.health.RegistryReadiness;
import dev.indicators.app.health.StreamThreadsReadiness;
import dev.indicators.app.http.ApiServer;
import dev.indicators.app.http.DashboardRoutes;
import dev.indicators.app.http.HealthRoutes;
import dev.indicators.app.access.HttpAccess;
import dev.indicators.app.http.HttpSettings;
import dev.indicators.app.http.ReadAccessRoutes;
import dev.indicators.app.http.IngestRoutes;
import dev.indicators.app.http.MetricsRoutes;
import dev.indicators.app.http.ReceiptRoutes;
import dev.indicators.app.http.TotalsRoutes;
import dev.indicators.app.lag.ConsumerLagMonitor;
import dev.indicators.app.metrics.ProcessMetrics;
import dev.indicators.app.receipt.DeadLetterIndex;
import dev.indicators.app.receipt.EventReceipts;
import dev.indicators.contract.Settings;
import dev.indicators.producer.ingest.IngestService;
import dev.indicators.producer.ingest.IngestSettings;
import dev.indicators.producer.publish.IndicatorPublisher;
import dev.indicators.producer.publish.PublisherSettings;
import dev.indicators.streams.app.IndicatorStreamsApp;
import dev.indicators.streams.app.StreamsSettings;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One pipeline process: the streams app, the publisher behind HTTP ingest, and one HTTP server carrying ingest,
 * the query API, the web dashboard, {@code /metrics} and {@code /health}. The demo runs it on the embedded stack;
 * a deployment runs it against its own cluster, configured by INDICATORS_* variables.
 */
public final class PipelineServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PipelineServer.class);

    private final ProcessMetrics metrics;
    private final IndicatorStreamsApp streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final IndicatorPublisher publisher;
    private final KafkaReadiness kafkaReadiness;
    private final ConsumerLagMonitor lagMonitor;
    private final IngestService ingest;
    private final DeadLetterIndex deadLetters;
    private final EventReceipts receipts;
    private final Readiness readiness;
    private final List<dev.indicators.app.http.Routes> routes;
    private final HttpSettings httpSettings;
    private ApiServer http;

    /** What a pipeline process needs to know; everything else comes from the INDICATORS_* settings. */
    public record Options(String bootstrapServers, String registryUrl, String confluentApiUrl, String httpHost, int httpPort,
                          StreamsSettings streams, List<String> extraLagGroups, Duration lagInterval) {

        public static Options fromSettings(Settings s, String bootstrapServers, String registryUrl, String confluentApiUrl) {
            StreamsSettings streams = StreamsSettings.fromSettings(s).withBootstrapServers(bootstrapServers).withRegistryUrl(registryUrl);
            List<String> groups = s.find("INDICATORS_LAG_GROUPS").map(v -> List.of(v.split(","))).orElse(List.of());
            return new Options(bootstrapServers, registryUrl, confluentApiUrl,
                    s.get("INDICATORS_HTTP_HOST", "127.0.0.1"), s.getInt("INDICATORS_HTTP_PORT", 8080), streams, groups,
                    s.getDuration("INDICATORS_LAG_INTERVAL", Duration.ofSeconds(5)));
        }

        public Options withHttpPort(int port) {
            return new Options(bootstrapServers, registryUrl, confluentApiUrl, httpHost, port, streams, extraLagGroups, lagInterval);
        }

        public Options withStreams(StreamsSettings s) {
            return new Options(bootstrapServers, registryUrl, confluentApiUrl, httpHost, httpPort, s, extraLagGroups, lagInterval);
        }

        public Options withLagInterval(Duration d) {
            return new Options(bootstrapServers, registryUrl, confluentApiUrl, httpHost, httpPort, streams, extraLagGroups, d);
        }
    }

    private PipelineServer(Options options, Settings settings) throws IOException {
        KafkaClientSecurity kafkaSecurity = KafkaClientSecurity.fromSettings(settings);
        metrics = new ProcessMetrics();
        streams = IndicatorStreamsApp.create(options.streams(), metrics.registry());
        streamsMetrics = new KafkaStreamsMetrics(streams.kafkaStreams());
        streamsMetrics.bindTo(metrics.registry());

        PublisherSettings publisherSettings = PublisherSettings.fromSettings(settings)
                .withBootstrapServers(options.bootstrapServers()).withRegistryUrl(options.registryUrl())
                .withTopics(options.streams().topics());
        publisher = IndicatorPublisher.create(publisherSettings, metrics.registry());

        List<String> groups = new ArrayList<>();
        groups.add(options.streams().applicationId());
        groups.addAll(options.extraLagGroups());
        lagMonitor = new ConsumerLagMonitor(options.bootstrapServers(), groups, options.lagInterval(), kafkaSecurity);
        lagMonitor.bindTo(metrics.registry());

        kafkaReadiness = new KafkaReadiness(options.bootstrapServers(), kafkaSecurity);
        List<ReadinessCheck> checks = List.of(
                new StreamThreadsReadiness(streams.kafkaStreams(), options.streams().threads(), streams::replacedThreads),
                kafkaReadiness, new RegistryReadiness(options.confluentApiUrl()),
                new LagSamplerReadiness(lagMonitor, options.lagInterval(), Clock.systemUTC()),
                new MemoryReadiness(settings.getInt("INDICATORS_READY_MAX_HEAP_PERCENT", 90) / 100.0));
        readiness = new Readiness(checks);

        IngestSettings ingestSettings = IngestSettings.fromSettings(settings).withHttp(options.httpHost(), options.httpPort());
        ingest = new IngestService(publisher, publisher.json(), ingestSettings, metrics.registry());
        deadLetters = new DeadLetterIndex(options.bootstrapServers(), options.streams().topics().deadLetter(), ingestSettings.receipts(), kafkaSecurity);
        receipts = new EventReceipts(ingest.accepted(), deadLetters, options.bootstrapServers(), options.streams().applicationId(), kafkaSecurity);
        httpSettings = HttpSettings.fromSettings(settings).withAddress(options.httpHost(), options.httpPort());
        HttpAccess access = HttpAccess.fromSettings(settings, streams.regions());
        routes = List.of(new ReadAccessRoutes(access), new IngestRoutes(ingest, access), new ReceiptRoutes(receipts),
                new TotalsRoutes(streams::query, streams.regions()), new MetricsRoutes(metrics.registry()),
                new HealthRoutes(readiness), new DashboardRoutes());
    }

    /** Starts the streams app, the lag monitor and the HTTP server. The input topics must exist. */
    public static PipelineServer start(Options options) throws IOException {
        return start(options, Settings.system());
    }

    public static PipelineServer start(Options options, Settings settings) throws IOException {
        PipelineServer server = new PipelineServer(options, settings);
        server.streams.start();
        server.lagMonitor.start();
        server.deadLetters.start();
        server.http = ApiServer.start(server.httpSettings, server.routes, IngestRoutes.PATH);
        log.info("pipeline HTTP server on {}", server.http.baseUrl());
        return server;
    }

    public IndicatorStreamsApp streams() {
        return streams;
    }

    public IndicatorPublisher publisher() {
        return publisher;
    }

    public ConsumerLagMonitor lagMonitor() {
        return lagMonitor;
    }

    public ProcessMetrics metrics() {
        return metrics;
    }

    public String baseUrl() {
        return http.baseUrl();
    }

    public Map<String, String> endpoints() {
        return http.endpoints();
    }

    public IngestService ingest() {
        return ingest;
    }

    public Readiness readiness() {
        return readiness;
    }

    @Override
    public void close() {
        if (http != null) http.close(); // first: requests in progress finish while the publisher still runs
        receipts.close();
        deadLetters.close();
        lagMonitor.close();
        streamsMetrics.close();
        streams.close();
        publisher.close(Duration.ofSeconds(10));
        kafkaReadiness.close();
        metrics.close();
    }
}
