package dev.indicators.app.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** {@code GET /}: the web dashboard (one page, bundled in the jar). */
public final class DashboardRoutes implements Routes {

    @Override
    public void addTo(RoutesConfig routes, HttpSettings settings) {
        routes.get("/", DashboardRoutes::page);
        routes.get("/index.html", DashboardRoutes::page);
    }

    @Override
    public Map<String, String> describe() {
        return Map.of("GET /", "the web dashboard");
    }

    private static void page(Context ctx) throws IOException {
        try (InputStream in = DashboardRoutes.class.getResourceAsStream("/web/index.html")) {
            if (in == null) throw new NotFoundException("the dashboard page is missing from this build");
            ctx.contentType("text/html; charset=utf-8").result(in.readAllBytes());
        }
    }
}
