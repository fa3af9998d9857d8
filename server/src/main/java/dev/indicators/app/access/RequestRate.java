package dev.indicators.app.access;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per-token request rate: a token bucket per token id holding up to {@code max(1, rate)} requests, refilled at
 * {@code rate} per second. Small enough to keep here rather than add a rate-limiting library for one counter per token.
 */
public final class RequestRate {

    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RequestRate() {
        this(System::nanoTime);
    }

    RequestRate(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    private static final class Bucket {
        double tokens;
        long at;
        double rate;
    }

    /** Empty when the request may go; otherwise how long until it could. */
    public java.util.Optional<Duration> take(String tokenId, double rate) {
        Bucket b = buckets.computeIfAbsent(tokenId, id -> {
            Bucket n = new Bucket();
            n.tokens = Math.max(1, rate);
            n.at = nanoClock.getAsLong();
            n.rate = rate;
            return n;
        });
        synchronized (b) {
            long now = nanoClock.getAsLong();
            if (b.rate != rate) { // the file changed the token's rate
                b.rate = rate;
                b.tokens = Math.min(b.tokens, Math.max(1, rate));
            }
            b.tokens = Math.min(Math.max(1, rate), b.tokens + (now - b.at) / 1e9 * rate);
            b.at = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return java.util.Optional.empty();
            }
            double seconds = (1 - b.tokens) / rate;
            return java.util.Optional.of(Duration.ofMillis((long) Math.ceil(seconds * 1000)));
        }
    }
}
