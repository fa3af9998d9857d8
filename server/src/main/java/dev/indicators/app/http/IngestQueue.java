package dev.indicators.app.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Jetty's QoSHandler on the ingest path only: at most {@link HttpSettings#ingestConcurrency()} ingest requests run at
 * once, up to {@link HttpSettings#ingestQueue()} more wait without holding a thread (for at most
 * {@link HttpSettings#ingestQueueWait()}), and any beyond that are answered 503 with Retry-After at once. Health,
 * metrics and queries do not pass through it, so no amount of ingest traffic can take their threads.
 */
final class IngestQueue extends QoSHandler {

    private final HttpSettings settings;

    IngestQueue(String ingestPath, HttpSettings settings) {
        this.settings = settings;
        includePath(ingestPath, ingestPath + "/");
        setMaxRequestCount(settings.ingestConcurrency());
        setMaxSuspendedRequestCount(settings.ingestQueue());
        setMaxSuspend(settings.ingestQueueWait());
    }

    @Override
    protected void reject(Request request, Response response, Callback callback, int status) {
        busy(response, callback, "ingest is busy: " + settings.ingestConcurrency() + " requests in progress and "
                + settings.ingestQueue() + " waiting (INDICATORS_HTTP_INGEST_QUEUE); retry after " + settings.retryAfterSeconds() + "s");
    }

    @Override
    protected void failSuspended(Request request, Response response, Callback callback, int status, Throwable failure) {
        if (status != 503) {
            super.failSuspended(request, response, callback, status, failure);
            return;
        }
        busy(response, callback, "ingest is busy: the request waited " + settings.ingestQueueWait().toSeconds()
                + "s (INDICATORS_HTTP_INGEST_QUEUE_WAIT) without its turn; retry after " + settings.retryAfterSeconds() + "s");
    }

    private void busy(Response response, Callback callback, String message) {
        if (response.isCommitted()) {
            callback.failed(new IllegalStateException("response already committed"));
            return;
        }
        byte[] body;
        try {
            body = ApiServer.JSON.writeValueAsBytes(ApiError.of(message));
        } catch (Exception e) {
            body = ("{\"error\":\"ingest is busy\"}").getBytes(StandardCharsets.UTF_8);
        }
        response.setStatus(503);
        response.getHeaders().put(HttpHeader.RETRY_AFTER, settings.retryAfterSeconds());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
