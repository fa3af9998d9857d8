package dev.indicators.app.http;

/** A path or resource that does not exist: 404 with the message. */
public final class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
