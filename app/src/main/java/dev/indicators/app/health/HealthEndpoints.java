package dev.indicators.app.health;

import com.sun.net.httpserver.HttpHandler;
import dev.indicators.app.HttpEndpoints;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /health/live}: the process serves HTTP. {@code /health/ready}: every {@link ReadinessCheck} passes;
 * otherwise 503 with a body naming the part that is not ready and why.
 */
public final class HealthEndpoints {

    private final List<ReadinessCheck> checks;

    public HealthEndpoints(List<ReadinessCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    public HttpHandler handler() {
        return exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/health/live")) {
                HttpEndpoints.sendJson(exchange, 200, Map.of("status", "UP"));
            } else if (path.equals("/health/ready")) {
                Map<String, Object> body = readiness();
                HttpEndpoints.sendJson(exchange, "UP".equals(body.get("status")) ? 200 : 503, body);
            } else {
                HttpEndpoints.sendJson(exchange, 404, Map.of("error", "unknown health endpoint " + path + "; use /health/live or /health/ready"));
            }
        };
    }

    public Map<String, Object> readiness() {
        Map<String, Object> components = new LinkedHashMap<>();
        boolean allReady = true;
        List<String> notReady = new java.util.ArrayList<>();
        for (ReadinessCheck c : checks) {
            ReadinessCheck.Status s;
            try {
                s = c.check();
            } catch (RuntimeException e) {
                s = ReadinessCheck.Status.notReady(e.toString());
            }
            components.put(c.name(), Map.of("status", s.ready() ? "UP" : "DOWN", "detail", s.detail()));
            if (!s.ready()) {
                allReady = false;
                notReady.add(c.name());
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", allReady ? "UP" : "DOWN");
        if (!allReady) body.put("notReady", notReady);
        body.put("components", components);
        return body;
    }
}
