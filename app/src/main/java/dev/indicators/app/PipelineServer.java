package dev.indicators.app;

import dev.indicators.app.health.HealthEndpoints;
import dev.indicators.app.health.KafkaReadiness;
import dev.indicators.app.health.ReadinessCheck;
import dev.indicators.app.health.RegistryReadiness;
import dev.indicators.app.lag.ConsumerLagMonitor;
import dev.indicators.app.metrics.MetricsEndpoint;
import dev.indicators.app.totals.TotalsEndpoints;
import dev.indicators.contract.Settings;
import dev.indicators.producer.ingest.IngestHandler;
import dev.indicators.producer.ingest.IngestSettings;
import dev.indicators.producer.publish.IndicatorPublisher;
import dev.indicators.producer.publish.PublisherSettings;
import dev.indicators.streams.app.IndicatorStreamsApp;
import dev.indicators.streams.app.StreamsSettings;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
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

    private final MetricsEndpoint metrics;
    private final IndicatorStreamsApp streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final IndicatorPublisher publisher;
    private final KafkaReadiness kafkaReadiness;
    private final ConsumerLagMonitor lagMonitor;
    private final HttpEndpoints http;

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
        metrics = new MetricsEndpoint();
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
        lagMonitor = new ConsumerLagMonitor(options.bootstrapServers(), groups, options.lagInterval());
        lagMonitor.bindTo(metrics.registry());

        kafkaReadiness = new KafkaReadiness(options.bootstrapServers());
        List<ReadinessCheck> checks = List.of(streamsReadiness(streams), kafkaReadiness, new RegistryReadiness(options.confluentApiUrl()));
        TotalsEndpoints totals = new TotalsEndpoints(streams::query, streams.regions());
        IngestHandler ingest = new IngestHandler(publisher, publisher.json(),
                IngestSettings.fromSettings(settings).withHttp(options.httpHost(), options.httpPort()), metrics.registry());

        http = new HttpEndpoints(options.httpHost(), options.httpPort())
                .mount(IngestHandler.PATH, "POST events (one JSON object, an array, or NDJSON)", ingest)
                .mount("/api/v1/totals", "GET one total: ?region=&indicator=&period=", totals.totals())
                .mount("/api/v1/regions", "GET the region tree; /{code}/totals?period=; /{code}/series?indicator=&from=&to=&granularity=", totals.regions())
                .mount("/api/v1/indicators", "GET the indicator names", totals.indicators())
                .mount("/metrics", "Prometheus metrics", metrics.scrapeHandler())
                .mount("/health", "GET /health/live and /health/ready", new HealthEndpoints(checks).handler())
                .mount("/", "the web dashboard", PipelineServer::dashboard);
    }

    /** Starts the streams app, the lag monitor and the HTTP server. The input topics must exist. */
    public static PipelineServer start(Options options) throws IOException {
        return start(options, Settings.system());
    }

    public static PipelineServer start(Options options, Settings settings) throws IOException {
        PipelineServer server = new PipelineServer(options, settings);
        server.streams.start();
        server.lagMonitor.start();
        server.http.start();
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

    public MetricsEndpoint metrics() {
        return metrics;
    }

    public String baseUrl() {
        return http.baseUrl();
    }

    public Map<String, String> endpoints() {
        return http.mounted();
    }

    private static ReadinessCheck streamsReadiness(IndicatorStreamsApp streams) {
        return new ReadinessCheck() {
            @Override
            public String name() {
                return "streams";
            }

            @Override
            public Status check() {
                var state = streams.state();
                return state == org.apache.kafka.streams.KafkaStreams.State.RUNNING
                        ? Status.ready("state RUNNING") : Status.notReady("state " + state);
            }
        };
    }

    private static void dashboard(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!path.equals("/") && !path.equals("/index.html")) {
            HttpEndpoints.sendJson(exchange, 404, Map.of("error", "no such page: " + path));
            return;
        }
        try (InputStream in = PipelineServer.class.getResourceAsStream("/web/index.html")) {
            HttpEndpoints.send(exchange, 200, "text/html; charset=utf-8", in.readAllBytes());
        }
    }

    @Override
    public void close() {
        http.close();
        lagMonitor.close();
        streamsMetrics.close();
        streams.close();
        publisher.close(Duration.ofSeconds(10));
        kafkaReadiness.close();
        metrics.close();
    }
}
