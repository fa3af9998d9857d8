package dev.indicators.app.support;

import dev.indicators.app.PipelineServer;
import dev.indicators.contract.Settings;
import dev.indicators.platform.IndicatorStack;
import dev.indicators.platform.junit.SharedIndicatorStack;
import dev.indicators.app.ServerConfiguration;
import dev.indicators.app.demo.DemoCommand;
import dev.indicators.contract.config.SettingCatalogue;
import java.util.HashMap;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

/**
 * One running pipeline process (streams app + HTTP server) on the shared real stack, for every test of the run:
 * starting the streams app costs seconds, and the tests use disjoint regions, years and case ids.
 */
public final class SharedPipeline implements ParameterResolver {

    /** The streams app's application id (and consumer group) in the app tests. */
    public static final String APPLICATION_ID = "app-tests";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedPipeline.class);

    public static PipelineServer get(ExtensionContext context) {
        IndicatorStack stack = SharedIndicatorStack.get(context);
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(PipelineServer.class, k -> start(stack), PipelineServer.class);
    }

    private static PipelineServer start(IndicatorStack stack) {
        try {
            Map<String, String> values = new HashMap<>(DemoCommand.stackSettings(stack, Files.createTempDirectory("app-tests-streams"), 0));
            values.put(SettingCatalogue.APPLICATION_ID.name(), APPLICATION_ID);
            values.put(SettingCatalogue.REFRESH_INTERVAL.name(), "2s");
            values.put(SettingCatalogue.LAG_INTERVAL.name(), "500ms");
            PipelineServer server = PipelineServer.start(ServerConfiguration.of(Settings.of(Map.of()), values));
            if (!server.streams().awaitRunning(Duration.ofSeconds(90))) {
                throw new IllegalStateException("streams app did not reach RUNNING: " + server.streams().state());
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
        Class<?> type = p.getParameter().getType();
        return type == PipelineServer.class || type == IndicatorStack.class || type == Http.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
        Class<?> type = p.getParameter().getType();
        if (type == IndicatorStack.class) return SharedIndicatorStack.get(c);
        PipelineServer server = get(c);
        return type == Http.class ? new Http(server.baseUrl()) : server;
    }
}
