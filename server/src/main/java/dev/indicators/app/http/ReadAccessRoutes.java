package dev.indicators.app.http;

import dev.indicators.app.access.HttpAccess;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HandlerType;

import java.util.Map;

/**
 * Reads (totals, receipts, metrics) need a bearer token when {@code INDICATORS_HTTP_READ_ACCESS=token}: checked before
 * every GET of {@code /api/} and {@code /metrics} (the health probes stay open). Ingest checks its own token ({@link IngestRoutes}). The dashboard's
 * files hold no figures and stay open, so a browser can load the page that asks for the token.
 *
 * <p>The token comes in the {@code Authorization} header or, where a browser cannot send a header (an
 * {@code EventSource}, a link to the report), as the {@code access_token} query parameter (RFC 6750, section 2.3).
 * No request line is logged, so the parameter ends up in no log of this server; a proxy in front may log it.
 */
public final class ReadAccessRoutes implements Routes {

    /** The query parameter a browser sends the token in where it cannot send a header. */
    public static final String ACCESS_TOKEN = "access_token";

    private final HttpAccess access;

    public ReadAccessRoutes(HttpAccess access) {
        this.access = access;
    }

    @Override
    public void addTo(RoutesConfig routes, HttpSettings settings) {
        if (!access.readsNeedToken()) return;
        routes.beforeMatched(ctx -> {
            // beforeMatched also runs for the dashboard's static files: guard the data, which is all under /api and /metrics
            if (ctx.method() == HandlerType.GET && (ctx.path().startsWith("/api/") || ctx.path().equals("/metrics"))) {
                String header = ctx.header("Authorization");
                String parameter = ctx.queryParam(ACCESS_TOKEN);
                access.reader(header == null && parameter != null ? "Bearer " + parameter : header);
            }
        });
    }

    @Override
    public Map<String, String> describe() {
        return Map.of();
    }
}
