package dev.indicators.app.http;

import io.javalin.config.RoutesConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.Map;

/** {@code GET /metrics}: the process's meters in the Prometheus text format. Never queued behind ingest. */
public final class MetricsRoutes implements Routes {

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    public MetricsRoutes(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void addTo(RoutesConfig routes, HttpSettings settings) {
        routes.get("/metrics", ctx -> ctx.contentType(CONTENT_TYPE).result(registry.scrape()));
    }

    @Override
    public Map<String, String> describe() {
        return Map.of("GET /metrics", "Prometheus metrics");
    }
}
