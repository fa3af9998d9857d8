package dev.indicators.app.http;

import picocli.CommandLine.Option;

/**
 * The address options every command with an HTTP server shares ({@code @Mixin HttpOptions http;}); each stands for
 * its setting, so given it overrides the file and the environment
 * ({@link dev.indicators.producer.cli.ConfigOptions#settings()}).
 */
public class HttpOptions {

    @Option(names = "--http-host", paramLabel = "HOST", descriptionKey = "INDICATORS_HTTP_HOST",
            description = "The address the HTTP server binds to; 0.0.0.0 binds to all (default: ${DEFAULT-VALUE}).")
    public String httpHost;

    @Option(names = "--http-port", paramLabel = "PORT", descriptionKey = "INDICATORS_HTTP_PORT",
            description = "The HTTP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    public Integer httpPort;
}
