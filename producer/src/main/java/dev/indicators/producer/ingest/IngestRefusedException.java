package dev.indicators.producer.ingest;

/**
 * A whole request was refused before any of its events was published: it broke a limit of {@link IngestSettings}
 * or is not in a format ingest reads. The message names the limit or the format; {@link Reason#status()} is the HTTP
 * status that says so.
 */
public final class IngestRefusedException extends RuntimeException {

    public enum Reason {
        TOO_MANY_BYTES(413), TOO_MANY_EVENTS(413), BODY_TIMEOUT(408), UNSUPPORTED_CONTENT_TYPE(415);

        private final int status;

        Reason(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Reason reason;
    private final Long limit;

    public IngestRefusedException(Reason reason, Long limit, String message) {
        super(message);
        this.reason = reason;
        this.limit = limit;
    }

    public Reason reason() {
        return reason;
    }

    /** The configured limit that was broken (bytes, events, milliseconds), or null for a content type. */
    public Long limit() {
        return limit;
    }

    public static IngestRefusedException tooManyBytes(long maxBytes) {
        return new IngestRefusedException(Reason.TOO_MANY_BYTES, maxBytes, "request body larger than " + maxBytes
                + " bytes (INDICATORS_INGEST_MAX_BYTES); nothing was published, send fewer events per request");
    }

    public static IngestRefusedException tooManyEvents(int maxEvents) {
        return new IngestRefusedException(Reason.TOO_MANY_EVENTS, (long) maxEvents, "more than " + maxEvents
                + " events in one request (INDICATORS_INGEST_MAX_EVENTS); nothing was published, send at most " + maxEvents
                + " events per request");
    }

    public static IngestRefusedException bodyTimeout(java.time.Duration timeout, long bytesRead) {
        return new IngestRefusedException(Reason.BODY_TIMEOUT, timeout.toMillis(), "the request body did not arrive within "
                + timeout.toSeconds() + "s (INDICATORS_INGEST_BODY_TIMEOUT; " + bytesRead + " bytes read); nothing was published");
    }

    public static IngestRefusedException bodyIncomplete(long bytesRead, Exception cause) {
        return new IngestRefusedException(Reason.BODY_TIMEOUT, null, "the request body stalled or was cut off after " + bytesRead
                + " bytes (" + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
                + "); nothing was published");
    }

    public static IngestRefusedException unsupportedContentType(String contentType) {
        return new IngestRefusedException(Reason.UNSUPPORTED_CONTENT_TYPE, null, "Content-Type '" + contentType
                + "' is not accepted; send application/json (one event or an array) or application/x-ndjson (one event a line)");
    }
}
