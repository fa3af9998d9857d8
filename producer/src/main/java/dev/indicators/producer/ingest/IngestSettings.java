package dev.indicators.producer.ingest;

import dev.indicators.contract.Settings;
import dev.indicators.contract.config.SettingCatalogue;

import java.time.Duration;

/**
 * Ingest limits and timeouts, read once:
 * <pre>
 * INDICATORS_INGEST_MAX_BYTES          10485760  largest request body (10 MB); a larger one is answered 413, reading no more than this
 * INDICATORS_INGEST_MAX_EVENTS         2000      most events in one request; one more is answered 413 (nothing of it is published)
 * INDICATORS_INGEST_MAX_ERRORS_LISTED  20        rejected events listed in full in an answer; the others are counted
 * INDICATORS_INGEST_BODY_TIMEOUT       30s       the whole body must arrive within this (slow clients are cut off with 408)
 * INDICATORS_INGEST_KAFKA_TIMEOUT      5s        events not acknowledged by then are answered 503
 * INDICATORS_INGEST_RETRY_AFTER        10s       the Retry-After of a 503
 * INDICATORS_INGEST_RECEIPTS           100000    accepted eventIds remembered for GET /api/v1/events/{eventId} (the oldest are forgotten first)
 * INDICATORS_HTTP_HOST                 127.0.0.1 (standalone server only)
 * INDICATORS_HTTP_PORT                 8080      (standalone server only)
 * </pre>
 */
public record IngestSettings(long maxBytes, int maxEvents, int maxErrorsListed, Duration bodyTimeout, Duration kafkaTimeout,
                             Duration retryAfter, int receipts, String httpHost, int httpPort) {

    public IngestSettings {
        if (maxBytes < 1) throw new IllegalArgumentException("INDICATORS_INGEST_MAX_BYTES must be at least 1, not " + maxBytes);
        if (maxEvents < 1) throw new IllegalArgumentException("INDICATORS_INGEST_MAX_EVENTS must be at least 1, not " + maxEvents);
        if (maxErrorsListed < 0) throw new IllegalArgumentException("INDICATORS_INGEST_MAX_ERRORS_LISTED must not be negative");
    }

    public static IngestSettings defaults() {
        return fromSettings(Settings.of(java.util.Map.of()));
    }

    public static IngestSettings fromSettings(Settings s) {
        return new IngestSettings(
                s.value(SettingCatalogue.INGEST_MAX_BYTES),
                s.value(SettingCatalogue.INGEST_MAX_EVENTS),
                s.value(SettingCatalogue.INGEST_MAX_ERRORS_LISTED),
                s.value(SettingCatalogue.INGEST_BODY_TIMEOUT),
                s.value(SettingCatalogue.INGEST_KAFKA_TIMEOUT),
                s.value(SettingCatalogue.INGEST_RETRY_AFTER),
                s.value(SettingCatalogue.INGEST_RECEIPTS),
                s.value(SettingCatalogue.HTTP_HOST),
                s.value(SettingCatalogue.HTTP_PORT));
    }

    public IngestSettings withMaxBytes(long n) {
        return new IngestSettings(n, maxEvents, maxErrorsListed, bodyTimeout, kafkaTimeout, retryAfter, receipts, httpHost, httpPort);
    }

    public IngestSettings withMaxEvents(int n) {
        return new IngestSettings(maxBytes, n, maxErrorsListed, bodyTimeout, kafkaTimeout, retryAfter, receipts, httpHost, httpPort);
    }

    public IngestSettings withMaxErrorsListed(int n) {
        return new IngestSettings(maxBytes, maxEvents, n, bodyTimeout, kafkaTimeout, retryAfter, receipts, httpHost, httpPort);
    }

    public IngestSettings withBodyTimeout(Duration d) {
        return new IngestSettings(maxBytes, maxEvents, maxErrorsListed, d, kafkaTimeout, retryAfter, receipts, httpHost, httpPort);
    }

    public IngestSettings withKafkaTimeout(Duration d) {
        return new IngestSettings(maxBytes, maxEvents, maxErrorsListed, bodyTimeout, d, retryAfter, receipts, httpHost, httpPort);
    }

    public IngestSettings withHttp(String host, int port) {
        return new IngestSettings(maxBytes, maxEvents, maxErrorsListed, bodyTimeout, kafkaTimeout, retryAfter, receipts, host, port);
    }
}
