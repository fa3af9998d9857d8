package dev.indicators.app.access;

/**
 * A request refused by {@link HttpAccess}: 401 (no, unknown or revoked token), 403 (a token that may not do this),
 * 429 (above the token's rate, with the seconds for Retry-After). The message never contains the token.
 */
public final class AccessRefusedException extends RuntimeException {

    private final int status;
    private final Long retryAfterSeconds;

    public AccessRefusedException(int status, String message, Long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public java.util.Optional<Long> retryAfterSeconds() {
        return java.util.Optional.ofNullable(retryAfterSeconds);
    }
}
