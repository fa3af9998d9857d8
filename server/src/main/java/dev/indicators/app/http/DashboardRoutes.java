package dev.indicators.app.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;

import java.util.Map;

/**
 * {@code GET /}: the web dashboard, the folder {@code web/} bundled in the jar (index.html, its CSS, JavaScript
 * modules and the vendored ECharts), served by Javalin's static-file handler from the classpath. The page's own
 * requests go to the API under {@code /api/v1}, which no file in the folder shadows.
 */
public final class DashboardRoutes implements Routes {

    @Override
    public void configure(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = "/web";
            files.location = Location.CLASSPATH;
            // ES modules must come with a JavaScript type, or the browser refuses to run them
            files.mimeTypes.add("text/javascript", "js");
        });
    }

    @Override
    public Map<String, String> describe() {
        return Map.of("GET /", "the web dashboard (index.html, css, js and vendor/ from the jar)");
    }
}
