package dev.indicators.producer.ingest;

import com.sun.net.httpserver.HttpServer;
import dev.indicators.contract.validation.EventJson;
import dev.indicators.producer.publish.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * HTTP ingest on its own: a JDK {@link HttpServer} serving {@link IngestHandler} at {@value IngestHandler#PATH}.
 * In the demo the same handler is mounted on the query API's server instead ({@link #mount}).
 * Closing stops the server; the publisher belongs to the caller.
 */
public final class IngestServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    private IngestServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts a server on {@code host:port} (port 0: any free port). */
    public static IngestServer start(String host, int port, EventPublisher publisher, EventJson json,
                                     IngestSettings settings, MeterRegistry meters) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 128);
            ExecutorService executor = Executors.newFixedThreadPool(Math.max(8, Runtime.getRuntime().availableProcessors() * 4), r -> {
                Thread t = new Thread(r, "ingest-http");
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
            mount(server, new IngestHandler(publisher, json, settings, meters));
            server.start();
            return new IngestServer(server, executor);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** Mounts the handler on an existing server at {@value IngestHandler#PATH}. */
    public static void mount(HttpServer server, IngestHandler handler) {
        server.createContext(IngestHandler.PATH, handler);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** e.g. http://127.0.0.1:8080/api/v1/events */
    public URI eventsUri() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + port() + IngestHandler.PATH);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code java -cp ... dev.indicators.producer.ingest.IngestServer --http-port 8080} */
    public static void main(String[] args) {
        int code = new CommandLine(new IngestCommand()).execute(args);
        if (code != 0) System.exit(code);
    }
}
