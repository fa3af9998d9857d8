package dev.indicators.producer.publish;

import org.apache.kafka.common.errors.RetriableException;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * A valid event that could not be published: Kafka or the schema registry refused it or could not be reached in time.
 * Futures returned by {@link IndicatorPublisher} complete exceptionally with this; the cause is the client's exception.
 */
public class PublishException extends RuntimeException {

    private final String eventId;

    public PublishException(String eventId, Throwable cause) {
        super("event " + eventId + " was not published: " + describe(cause), cause);
        this.eventId = eventId;
    }

    public String eventId() {
        return eventId;
    }

    /**
     * True when the failure says "try again later" (a timeout, a broker or registry that cannot be reached),
     * rather than something about the event itself.
     */
    public boolean unavailable() {
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            if (t instanceof RetriableException || t instanceof TimeoutException || t instanceof IOException
                    || t instanceof java.net.ConnectException || t.getClass().getName().contains("Connect")) {
                return true;
            }
            if (t.getCause() == t) break;
        }
        return false;
    }

    /** The innermost message, which usually says what went wrong. */
    public static String describe(Throwable t) {
        if (t == null) return "unknown error";
        Throwable root = t;
        String message = t.getMessage();
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            if (root.getMessage() != null) message = root.getMessage();
        }
        String kind = t.getClass().getSimpleName();
        return message == null ? kind : kind + ": " + message;
    }
}
