package dev.indicators.app;

import dev.indicators.app.health.InstanceReadiness;
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
import dev.indicators.app.routing.OwnerForwarding;
import dev.indicators.app.routing.TotalsOwners;
import dev.indicators.contract.validation.EventRules;
import dev.indicators.app.lag.ConsumerLagMonitor;
import dev.indicators.app.metrics.ProcessMetrics;
import dev.indicators.app.receipt.DeadLetterIndex;
import dev.indicators.app.receipt.EventReceipts;
import dev.indicators.app.receipt.StoredEvents;
import dev.indicators.producer.ingest.IngestService;
import dev.indicators.producer.publish.IndicatorPublisher;
import dev.indicators.streams.app.IndicatorStreamsApp;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One pipeline process: the streams app, the publisher behind HTTP ingest, and one HTTP server carrying ingest,
 * the query API, the web dashboard, {@code /metrics} and {@code /health}. The demo runs it on the embedded stack;
 * a deployment runs it against its own cluster ({@code indicators serve}), configured by one {@link ServerConfiguration}.
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
    private final ReaderParts readers;
    private final ServerConfiguration config;
    private ApiServer http;

    private PipelineServer(ServerConfiguration config) {
        metrics = new ProcessMetrics();
        streams = IndicatorStreamsApp.create(config.streams(), metrics.registry());
        streamsMetrics = new KafkaStreamsMetrics(streams.kafkaStreams());
        streamsMetrics.bindTo(metrics.registry());

        // one rule set (region table, clock skew) for the publisher and the streams app: read once, with the config
        EventRules rules = new EventRules(streams.regions(), config.streams().limits(), Clock.systemUTC());
        publisher = IndicatorPublisher.create(config.publisher(), rules, metrics.registry());

        List<String> groups = new ArrayList<>();
        groups.add(config.streams().applicationId());
        groups.addAll(config.operations().extraLagGroups());
        ServerConfiguration.Operations ops = config.operations();
        lagMonitor = new ConsumerLagMonitor(config.kafka(), groups, ops.lagInterval()).labelled(config.instanceId());
        lagMonitor.bindTo(metrics.registry());

        kafkaReadiness = new KafkaReadiness(config.kafka());
        List<ReadinessCheck> checks = List.of(
                new StreamThreadsReadiness(streams.kafkaStreams(), config.streams().threads(), streams::replacedThreads),
                kafkaReadiness, new RegistryReadiness(config.confluentApiUrl()),
                new LagSamplerReadiness(lagMonitor, ops.lagInterval(), Clock.systemUTC()),
                new MemoryReadiness(ops.readyMaxHeapPercent() / 100.0),
                new InstanceReadiness(config.instanceId(), config.advertisedUrl(), streams));
        readiness = new Readiness(checks);

        ingest = new IngestService(publisher, publisher.json(), config.ingest(), metrics.registry());
        deadLetters = new DeadLetterIndex(config.kafka(), config.streams().topics().deadLetter(), config.ingest().receipts());
        receipts = new EventReceipts(ingest.accepted(), deadLetters,
                new StoredEvents(config.kafka(), config.streams().topics(), streams.codec()), config.kafka(), config.streams().applicationId());
        httpSettings = config.http();
        TotalsOwners owners = new TotalsOwners(streams, streams.regions(), config.advertisedUrl());
        OwnerForwarding forwarding = new OwnerForwarding(config.instanceId(), ops.forwardTimeout());
        readers = new ReaderParts(config, streams.regions(), streams::query, metrics.registry());
        HttpAccess access = HttpAccess.fromSettings(config.settings(), streams.regions());
        List<dev.indicators.app.http.Routes> all = new ArrayList<>(List.of(new ReadAccessRoutes(access), new IngestRoutes(ingest, access), new ReceiptRoutes(receipts),
                new TotalsRoutes(streams::query, streams.regions(), owners, forwarding), new MetricsRoutes(metrics.registry()),
                new HealthRoutes(readiness), new DashboardRoutes()));
        all.addAll(readers.routes());
        routes = List.copyOf(all);
        this.config = config;
    }

    /**
     * Starts the streams app, the lag monitor and the HTTP server: what {@code indicators serve} runs, and the demo
     * in its own process. The input topics must exist.
     */
    public static PipelineServer start(ServerConfiguration config) {
        PipelineServer server = new PipelineServer(config);
        server.streams.start();
        server.lagMonitor.start();
        server.deadLetters.start();
        server.readers.start();
        server.http = ApiServer.start(server.httpSettings, server.routes, IngestRoutes.PATH);
        log.info("pipeline instance {} on {} (advertised as {})", config.instanceId(), server.http.baseUrl(), config.advertisedUrl());
        return server;
    }

    public ServerConfiguration configuration() {
        return config;
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
        readers.close(); // ends the subscribers' streams, which the HTTP server's graceful stop would wait for
        if (http != null) http.close(); // then: requests in progress finish while the publisher still runs
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
