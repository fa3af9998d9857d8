package dev.indicators.app.http;

import dev.indicators.contract.Settings;
import dev.indicators.contract.config.SettingCatalogue;

import java.time.Duration;

/**
 * The HTTP server's limits, read once:
 * <pre>
 * INDICATORS_HTTP_HOST               127.0.0.1  address to bind (0.0.0.0 for all)
 * INDICATORS_HTTP_PORT               8080       port (0: any free port)
 * INDICATORS_HTTP_THREADS            32         request threads (ingest may hold at most INDICATORS_HTTP_INGEST_CONCURRENCY of them)
 * INDICATORS_HTTP_IDLE_TIMEOUT       10s        a connection that sends nothing for this long is closed
 * INDICATORS_HTTP_INGEST_CONCURRENCY 4          ingest requests served at once
 * INDICATORS_HTTP_INGEST_QUEUE       16         ingest requests waiting (without a thread) for their turn; one more is answered 503
 * INDICATORS_HTTP_INGEST_QUEUE_WAIT  10s        longest wait in that queue before 503
 * INDICATORS_HTTP_RETRY_AFTER        2s         Retry-After of a 503 (queue full, totals not readable yet)
 * INDICATORS_HTTP_STOP_TIMEOUT       5s         on shutdown, requests in progress get this long to finish
 * </pre>
 * The ingest body limits and timeouts are {@code INDICATORS_INGEST_*} ({@link dev.indicators.producer.ingest.IngestSettings}).
 */
public record HttpSettings(String host, int port, int threads, Duration idleTimeout, int ingestConcurrency, int ingestQueue,
                           Duration ingestQueueWait, Duration retryAfter, Duration stopTimeout) {

    public HttpSettings {
        if (threads < ingestConcurrency + 4) {
            throw new IllegalArgumentException("INDICATORS_HTTP_THREADS (" + threads + ") must exceed INDICATORS_HTTP_INGEST_CONCURRENCY ("
                    + ingestConcurrency + ") by at least 4, so that health, metrics and queries always find a thread");
        }
    }

    public static HttpSettings fromSettings(Settings s) {
        return new HttpSettings(s.value(SettingCatalogue.HTTP_HOST), s.value(SettingCatalogue.HTTP_PORT),
                s.value(SettingCatalogue.HTTP_THREADS), s.value(SettingCatalogue.HTTP_IDLE_TIMEOUT),
                s.value(SettingCatalogue.HTTP_INGEST_CONCURRENCY), s.value(SettingCatalogue.HTTP_INGEST_QUEUE),
                s.value(SettingCatalogue.HTTP_INGEST_QUEUE_WAIT), s.value(SettingCatalogue.HTTP_RETRY_AFTER),
                s.value(SettingCatalogue.HTTP_STOP_TIMEOUT));
    }

    public static HttpSettings defaults() {
        return fromSettings(Settings.of(java.util.Map.of()));
    }

    public HttpSettings withAddress(String h, int p) {
        return new HttpSettings(h, p, threads, idleTimeout, ingestConcurrency, ingestQueue, ingestQueueWait, retryAfter, stopTimeout);
    }

    public HttpSettings withIngestQueue(int concurrency, int queue, Duration wait) {
        return new HttpSettings(host, port, threads, idleTimeout, concurrency, queue, wait, retryAfter, stopTimeout);
    }

    /** Whole seconds for a Retry-After header, at least 1. */
    public String retryAfterSeconds() {
        return Long.toString(Math.max(1, retryAfter.toSeconds()));
    }
}
