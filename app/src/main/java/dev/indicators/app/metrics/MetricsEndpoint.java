package dev.indicators.app.metrics;

import com.sun.net.httpserver.HttpHandler;
import dev.indicators.app.HttpEndpoints;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.nio.charset.StandardCharsets;

/**
 * The process's Prometheus registry with the JVM and process binders; the pipeline's own meters are registered on
 * it by the components that own them (publisher, streams app, lag monitor), each given this registry explicitly.
 */
public final class MetricsEndpoint implements AutoCloseable {

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public MetricsEndpoint() {
        registry.config().meterFilter(new StateStoreTags()); // before any meter is registered
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** GET /metrics in the Prometheus text format. */
    public HttpHandler scrapeHandler() {
        return exchange -> {
            if (!"GET".equals(exchange.getRequestMethod())) {
                HttpEndpoints.sendText(exchange, 405, "use GET\n");
                return;
            }
            HttpEndpoints.send(exchange, 200, CONTENT_TYPE, registry.scrape().getBytes(StandardCharsets.UTF_8));
        };
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
