package dev.indicators.producer.ingest;

import dev.indicators.contract.Settings;

import java.time.Duration;

/**
 * HTTP ingest settings:
 * <pre>
 * INDICATORS_INGEST_MAX_BYTES       10485760  (10 MB; a larger body is answered 413, reading no more than this)
 * INDICATORS_INGEST_KAFKA_TIMEOUT   5s        (events not acknowledged by then are answered 503)
 * INDICATORS_INGEST_RETRY_AFTER     10s       (the Retry-After of a 503)
 * INDICATORS_HTTP_HOST              127.0.0.1 (standalone server only)
 * INDICATORS_HTTP_PORT              8080      (standalone server only)
 * </pre>
 */
public record IngestSettings(long maxBytes, Duration kafkaTimeout, Duration retryAfter, String httpHost, int httpPort) {

    public static IngestSettings defaults() {
        return fromSettings(Settings.of(java.util.Map.of()));
    }

    public static IngestSettings fromSettings(Settings s) {
        return new IngestSettings(
                s.getLong("INDICATORS_INGEST_MAX_BYTES", 10L * 1024 * 1024),
                s.getDuration("INDICATORS_INGEST_KAFKA_TIMEOUT", Duration.ofSeconds(5)),
                s.getDuration("INDICATORS_INGEST_RETRY_AFTER", Duration.ofSeconds(10)),
                s.get("INDICATORS_HTTP_HOST", "127.0.0.1"),
                s.getInt("INDICATORS_HTTP_PORT", 8080));
    }

    public IngestSettings withMaxBytes(long n) {
        return new IngestSettings(n, kafkaTimeout, retryAfter, httpHost, httpPort);
    }

    public IngestSettings withKafkaTimeout(Duration d) {
        return new IngestSettings(maxBytes, d, retryAfter, httpHost, httpPort);
    }

    public IngestSettings withHttp(String host, int port) {
        return new IngestSettings(maxBytes, kafkaTimeout, retryAfter, host, port);
    }
}
