package dev.indicators.streams;

import com.sun.net.httpserver.HttpServer;
import dev.indicators.contract.EventType;
import dev.indicators.streams.codec.RegistryEventCodec;
import dev.indicators.streams.codec.RegistryUnavailableException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The registry codec tells a record it cannot read (dead letter) from a registry it cannot ask (stop and retry):
 * valid events must never be dead-lettered because the registry is down.
 */
@DisplayName("Registry codec: bad records are dead letters, registry outages are not")
class RegistryCodecTest {

    /** Confluent wire format with schema id 7 and some payload. */
    private static final byte[] WIRE = {0, 0, 0, 0, 7, 2, 'a'};

    private static RegistryEventCodec codec(int port) {
        return new RegistryEventCodec("http://127.0.0.1:" + port, false,
                Map.of("apicurio.registry.retry-count", 0, "apicurio.registry.retry-backoff-ms", 1));
    }

    private static HttpServer registryAnswering(int status) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = ("{\"status\":" + status + ",\"title\":\"answer " + status + "\",\"name\":\"X\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    @Test
    @DisplayName("no registry listening: unavailable, not a dead letter")
    void unreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (RegistryEventCodec codec = codec(port)) {
            assertThatThrownBy(() -> codec.decode(EventType.MEDIATION, "indicators.mediation.v1", new RecordHeaders(), WIRE))
                    .isInstanceOf(RegistryUnavailableException.class);
        }
    }

    @Test
    @DisplayName("registry failing with 503: unavailable, not a dead letter")
    void serverError() throws Exception {
        HttpServer server = registryAnswering(503);
        try (RegistryEventCodec codec = codec(server.getAddress().getPort())) {
            assertThatThrownBy(() -> codec.decode(EventType.MEDIATION, "indicators.mediation.v1", new RecordHeaders(), WIRE))
                    .isInstanceOf(RegistryUnavailableException.class);
        } finally {
            server.stop(0);
        }
    }

    @Test
    @DisplayName("a schema id the registry does not know (404): the record's fault, a dead letter")
    void unknownSchemaId() throws Exception {
        HttpServer server = registryAnswering(404);
        try (RegistryEventCodec codec = codec(server.getAddress().getPort())) {
            assertThatThrownBy(() -> codec.decode(EventType.MEDIATION, "indicators.mediation.v1", new RecordHeaders(), WIRE))
                    .isInstanceOf(RuntimeException.class)
                    .isNotInstanceOf(RegistryUnavailableException.class)
                    .hasMessage("schema id 7 is unknown to the registry (the record names a schema the registry does not hold)");
        } finally {
            server.stop(0);
        }
    }

    @Test
    @DisplayName("bytes without the magic byte: the record's fault, a dead letter")
    void badMagicByte() throws Exception {
        try (RegistryEventCodec codec = codec(1)) {
            assertThatThrownBy(() -> codec.decode(EventType.MEDIATION, "indicators.mediation.v1", new RecordHeaders(), new byte[]{42, 1, 2}))
                    .isInstanceOf(RuntimeException.class)
                    .isNotInstanceOf(RegistryUnavailableException.class)
                    .hasMessage("not in the Confluent wire format (first byte 0x2a; expected 0x00, a 4-byte schema id, then Avro): "
                            + "not written by a registry serializer");
        }
    }
}
