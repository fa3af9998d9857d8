package dev.indicators.app.http;

import dev.indicators.app.health.Readiness;
import io.javalin.config.RoutesConfig;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /health/live}: the process serves HTTP (200 {"status":"UP"}). {@code /health/ready}: 200 when every part is
 * ready, else 503 naming each part that is not and why. Never queued behind ingest.
 */
public final class HealthRoutes implements Routes {

    /** The body of {@code /health/live}. */
    public record Live(String status) {
    }

    private final Readiness readiness;

    public HealthRoutes(Readiness readiness) {
        this.readiness = readiness;
    }

    @Override
    public void addTo(RoutesConfig routes, HttpSettings settings) {
        routes.get("/health/live", ctx -> ctx.json(new Live("UP")));
        routes.get("/health/ready", ctx -> {
            Readiness.Report report = readiness.check();
            ctx.status(report.ready() ? 200 : 503).json(report);
        });
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("GET /health/live", "the process serves HTTP");
        m.put("GET /health/ready", "every part ready, else 503 naming the part");
        return m;
    }
}
