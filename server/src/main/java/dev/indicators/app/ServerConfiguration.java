package dev.indicators.app;

import dev.indicators.app.http.HttpSettings;
import dev.indicators.contract.Settings;
import dev.indicators.contract.access.KafkaClientSecurity;
import dev.indicators.contract.config.KafkaConnection;
import dev.indicators.contract.config.SettingCatalogue;
import dev.indicators.producer.ingest.IngestSettings;
import dev.indicators.producer.publish.PublisherSettings;
import dev.indicators.streams.app.StreamsSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one pipeline process ({@code indicators serve}, and the demo's process) is configured with, built once
 * from {@link Settings} and passed down: one record per concern, composed here.
 *
 * @param advertisedUrl the URL other instances forward queries to (the streams app's {@code application.server})
 * @param instanceId    this instance's label in metrics and health
 */
public record ServerConfiguration(Settings settings, StreamsSettings streams, PublisherSettings publisher, IngestSettings ingest,
                                  HttpSettings http, Operations operations, KafkaClientSecurity kafkaClient,
                                  String advertisedUrl, String instanceId) {

    /** The operational settings: lag sampling and readiness. */
    public record Operations(Duration lagInterval, List<String> extraLagGroups, int readyMaxHeapPercent, Duration forwardTimeout) {
    }

    /**
     * Reads every setting once. An HTTP port of 0 is resolved to a free port here, because the streams app must know
     * the address it advertises before it starts.
     */
    public static ServerConfiguration from(Settings given) {
        Settings s = given;
        int port = s.value(SettingCatalogue.HTTP_PORT);
        if (port == 0) {
            s = s.derive(Map.of(SettingCatalogue.HTTP_PORT.name(), Integer.toString(freePort(s.value(SettingCatalogue.HTTP_HOST)))));
        }
        String host = s.value(SettingCatalogue.HTTP_HOST);
        String advertised = s.find(SettingCatalogue.HTTP_ADVERTISED_URL)
                .orElse("http://" + advertisedHost(host) + ":" + s.value(SettingCatalogue.HTTP_PORT));
        // the streams app reads application.server from the same setting
        if (s.find(SettingCatalogue.HTTP_ADVERTISED_URL).isEmpty()) s = s.derive(Map.of(SettingCatalogue.HTTP_ADVERTISED_URL.name(), advertised));
        String instance = s.find(SettingCatalogue.INSTANCE_ID).orElse(advertised.replaceFirst("^https?://", "").replaceAll("/+$", ""));
        StreamsSettings streams = StreamsSettings.fromSettings(s);
        PublisherSettings publisher = PublisherSettings.fromSettings(s).withTopics(streams.topics());
        return new ServerConfiguration(s, streams, publisher, IngestSettings.fromSettings(s), HttpSettings.fromSettings(s),
                new Operations(s.value(SettingCatalogue.LAG_INTERVAL), s.value(SettingCatalogue.LAG_GROUPS),
                        s.value(SettingCatalogue.READY_MAX_HEAP_PERCENT), s.value(SettingCatalogue.HTTP_FORWARD_TIMEOUT)),
                s.kafkaClientProperties(), advertised, instance);
    }

    public String bootstrapServers() {
        return streams.bootstrapServers();
    }

    /** What every admin and consumer of the process is built from. */
    public KafkaConnection kafka() {
        return new KafkaConnection(streams.bootstrapServers(), kafkaClient);
    }

    /** The Apicurio API URL, normalised ({@code .../apis/registry/v3}). */
    public String registryUrl() {
        return publisher.registryUrl();
    }

    /** The registry's Confluent-compatible API beside its own ({@code .../apis/ccompat/v7}), for readiness. */
    public String confluentApiUrl() {
        String u = registryUrl();
        return u.substring(0, u.indexOf("/apis/")) + "/apis/ccompat/v7";
    }

    /** The effective configuration as {@code serve --print-config} prints it: one line per setting, secrets masked. */
    public List<String> printed() {
        List<String> lines = new ArrayList<>();
        lines.add("# effective configuration of indicators serve (source after #; docs/configuration.md describes each setting)");
        lines.addAll(settings.describe());
        if (!kafkaClient.properties().isEmpty()) {
            lines.add("# Kafka client properties from " + kafkaClient.source().map(Object::toString).orElse("?") + " (every client gets them)");
            kafkaClient.shown().forEach((k, v) -> lines.add("#   " + k + "=" + v));
        }
        for (String unknown : settings.unknownNames()) {
            lines.add("# warning: " + unknown + " is set but no setting has that name");
        }
        return lines;
    }

    /** Bound to all addresses, an instance advertises its host name; otherwise the address it binds. */
    private static String advertisedHost(String bindHost) {
        if (!bindHost.equals("0.0.0.0") && !bindHost.equals("::")) return bindHost;
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "127.0.0.1";
        }
    }

    private static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + host + ": " + e.getMessage(), e);
        }
    }

    /** The environment's defaults with {@code values} on top (tests and the demo, which know their stack's addresses). */
    public static ServerConfiguration of(Settings base, Map<String, String> values) {
        return from(base.with(values));
    }

    /** This process's configuration with the {@code --config} file, if any. */
    public static ServerConfiguration load(Optional<java.nio.file.Path> file, Map<String, String> commandLine) {
        return from(Settings.load(file, commandLine));
    }
}
