package dev.indicators.app.http;

import dev.indicators.app.access.AccessRefusedException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.indicators.producer.ingest.IngestRefusedException;
import dev.indicators.streams.query.TotalsUnavailableException;
import dev.indicators.streams.totals.InvalidTotalsRequestException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.json.JavalinJackson;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one HTTP server of a pipeline process (and of the standalone ingest), on Javalin/Jetty: the {@link Routes}
 * groups are mounted on it, and every error becomes a JSON {@link ApiError} through the one mapping below:
 * <pre>
 * InvalidTotalsRequestException, BadRequestException      400
 * NotFoundException, unknown path                         404
 * other method on a known path                            405 with Allow
 * AccessRefusedException                                 401 (+ WWW-Authenticate), 403, 429 (+ Retry-After)
 * IngestRefusedException                                  413 (bytes, events), 408 (slow body), 415 (Content-Type)
 * TotalsUnavailableException, ingest queue full           503 with Retry-After
 * anything else                                           500 (logged)
 * </pre>
 * Limits: idle connections are closed after {@link HttpSettings#idleTimeout()}; ingest runs at most
 * {@link HttpSettings#ingestConcurrency()} requests at once with a bounded queue ({@link IngestQueue}), so health,
 * metrics and queries always find a thread; closing waits up to {@link HttpSettings#stopTimeout()} for requests in
 * progress (graceful shutdown).
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

    /** The JSON of every answer: records in declaration order, nulls kept unless a record says otherwise. */
    public static final ObjectMapper JSON = new ObjectMapper();

    private final Javalin app;
    private final HttpSettings settings;
    private final Map<String, String> endpoints = new LinkedHashMap<>();

    private ApiServer(HttpSettings settings, List<Routes> groups, String ingestPath) {
        this.settings = settings;
        groups.forEach(g -> endpoints.putAll(g.describe()));
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.startup.startupWatcherEnabled = false;
            config.jsonMapper(new JavalinJackson(JSON, false));
            config.http.prefer405over404 = true;
            // No endpoint but ingest reads a body, and ingest reads its own under its own limits (IngestSettings).
            config.http.maxRequestSize = 64 * 1024;
            config.router.ignoreTrailingSlashes = true;
            QueuedThreadPool pool = new QueuedThreadPool(settings.threads(), Math.min(8, settings.threads()));
            pool.setName("http");
            pool.setDaemon(true);
            config.jetty.threadPool = pool;
            config.jetty.addConnector((server, http) -> {
                http.setSendServerVersion(false);
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setHost(settings.host());
                connector.setPort(settings.port());
                connector.setIdleTimeout(settings.idleTimeout().toMillis());
                return connector;
            });
            config.jetty.modifyServer(server -> {
                server.setStopTimeout(settings.stopTimeout().toMillis());
                server.insertHandler(new GracefulHandler());
                if (ingestPath != null) server.insertHandler(new IngestQueue(ingestPath, settings));
            });
            groups.forEach(g -> g.configure(config));
            groups.forEach(g -> g.addTo(config.routes, settings));
            errorMapping(config.routes, settings);
        });
    }

    /** Starts a server with these endpoint groups; {@code ingestPath} (or null) is the path whose requests are queued. */
    public static ApiServer start(HttpSettings settings, List<Routes> groups, String ingestPath) {
        ApiServer server = new ApiServer(settings, groups, ingestPath);
        try {
            server.app.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot listen on " + settings.host() + ":" + settings.port() + ": " + e.getMessage(), e);
        }
        return server;
    }

    private static void errorMapping(io.javalin.config.RoutesConfig routes, HttpSettings settings) {
        routes.exception(InvalidTotalsRequestException.class, (e, ctx) -> error(ctx, 400, ApiError.of(e.getMessage())));
        routes.exception(BadRequestException.class, (e, ctx) -> error(ctx, 400, ApiError.of(e.getMessage())));
        routes.exception(NotFoundException.class, (e, ctx) -> error(ctx, 404, ApiError.of(e.getMessage())));
        routes.exception(AccessRefusedException.class, (e, ctx) -> {
            if (e.status() == 401) ctx.header("WWW-Authenticate", "Bearer");
            e.retryAfterSeconds().ifPresent(s -> ctx.header("Retry-After", Long.toString(s)));
            error(ctx, e.status(), ApiError.of(e.getMessage()));
        });
        routes.exception(IngestRefusedException.class, (e, ctx) -> error(ctx, e.reason().status(), new ApiError(e.getMessage(), e.limit())));
        routes.exception(TotalsUnavailableException.class, (e, ctx) -> {
            ctx.header("Retry-After", settings.retryAfterSeconds());
            error(ctx, 503, ApiError.of(e.getMessage()));
        });
        routes.exception(MethodNotAllowedResponse.class, (e, ctx) -> {
            String allowed = e.getDetails().values().stream().findFirst().orElse("");
            ctx.header("Allow", allowed);
            error(ctx, 405, ApiError.of("method " + ctx.method().name() + " not allowed on " + ctx.path() + "; use " + allowed));
        });
        routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
                ApiError.of(e.getStatus() == 404 ? "no such resource: " + ctx.path() : e.getMessage())));
        routes.exception(Exception.class, (e, ctx) -> {
            log.error("{} {} failed", ctx.method().name(), ctx.path(), e);
            error(ctx, 500, ApiError.of("internal error: " + e));
        });
    }

    static void error(Context ctx, int status, ApiError body) {
        ctx.status(status).json(body);
    }

    public int port() {
        return app.port();
    }

    public String baseUrl() {
        String host = settings.host();
        return "http://" + (host.equals("0.0.0.0") ? "127.0.0.1" : host) + ":" + port();
    }

    /** Each mounted endpoint with what it serves. */
    public Map<String, String> endpoints() {
        return endpoints;
    }

    /** Stops accepting connections, lets requests in progress finish (up to the stop timeout), then stops. */
    @Override
    public void close() {
        try {
            app.stop();
        } catch (RuntimeException e) {
            log.warn("HTTP server did not stop cleanly: {}", e.toString());
        }
    }
}
