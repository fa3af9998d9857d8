package dev.indicators.app.http;

import dev.indicators.app.access.HttpAccess;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HandlerType;

import java.util.Map;

/**
 * Reads (totals, receipts, metrics) need a bearer token when {@code INDICATORS_HTTP_READ_ACCESS=token}: checked before
 * every matched GET except the health probes. Ingest checks its own token ({@link IngestRoutes}).
 */
public final class ReadAccessRoutes implements Routes {

    private final HttpAccess access;

    public ReadAccessRoutes(HttpAccess access) {
        this.access = access;
    }

    @Override
    public void addTo(RoutesConfig routes, HttpSettings settings) {
        if (!access.readsNeedToken()) return;
        routes.beforeMatched(ctx -> {
            if (ctx.method() == HandlerType.GET && !ctx.path().startsWith("/health")) {
                access.reader(ctx.header("Authorization"));
            }
        });
    }

    @Override
    public Map<String, String> describe() {
        return Map.of();
    }
}
