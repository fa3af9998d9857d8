package dev.indicators.app.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Where the browser opens the dashboard. The pipeline's own server is used when it serves the whole {@code web/}
 * folder (the page, its modules, the vendored chart library). The JDK server this branch was cut from serves only
 * {@code index.html}; until the server that serves the folder is merged, this front serves the same classpath files
 * and passes every other request (the API, ingest) through to the running pipeline, so the page still talks to the
 * real pipeline on its own origin.
 */
final class DashboardSite implements AutoCloseable {

    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "md", "text/plain; charset=utf-8",
            "png", "image/png", "svg", "image/svg+xml");

    private final HttpServer front;
    private final String url;

    private DashboardSite(HttpServer front, String url) {
        this.front = front;
        this.url = url;
    }

    static DashboardSite of(String pipelineUrl) throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        if (servesTheFolder(client, pipelineUrl)) return new DashboardSite(null, pipelineUrl);
        System.out.println("DashboardSite: the pipeline at " + pipelineUrl + " serves only index.html, not web/vendor/:"
                + " the page's files come from this test's front, every other request goes to the pipeline");
        HttpServer front = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        front.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                if (path.startsWith("/api/") || path.startsWith("/health") || path.startsWith("/metrics")) {
                    passThrough(client, pipelineUrl, exchange);
                } else {
                    serveFile(exchange, path.equals("/") ? "/index.html" : path);
                }
            }
        });
        front.start();
        return new DashboardSite(front, "http://127.0.0.1:" + front.getAddress().getPort());
    }

    String url() {
        return url;
    }

    private static boolean servesTheFolder(HttpClient client, String base) {
        try {
            HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(base + "/vendor/echarts.min.js")).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void serveFile(HttpExchange exchange, String path) throws IOException {
        if (path.contains("..")) {
            respond(exchange, 400, "text/plain", "bad path".getBytes());
            return;
        }
        try (InputStream in = DashboardSite.class.getResourceAsStream("/web" + path)) {
            if (in == null) {
                respond(exchange, 404, "text/plain", ("no such file: " + path).getBytes());
                return;
            }
            String ext = path.substring(path.lastIndexOf('.') + 1);
            respond(exchange, 200, TYPES.getOrDefault(ext, "application/octet-stream"), in.readAllBytes());
        }
    }

    private static void passThrough(HttpClient client, String base, HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + exchange.getRequestURI()))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType != null) request.header("Content-Type", contentType);
        try {
            HttpResponse<byte[]> r = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            respond(exchange, r.statusCode(), r.headers().firstValue("Content-Type").orElse("application/octet-stream"), r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            respond(exchange, 503, "text/plain", "interrupted".getBytes());
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        if (front != null) front.stop(0);
    }
}
