package dev.indicators.app.live;

import dev.indicators.contract.Settings;
import dev.indicators.contract.config.SettingCatalogue;

import java.time.Duration;

/**
 * The limits of {@code /api/v1/subscribe}, read once:
 * <pre>
 * INDICATORS_SUBSCRIBE_BUFFER       1000  changes buffered per subscriber; a subscriber whose buffer is full is dropped
 * INDICATORS_SUBSCRIBE_HEARTBEAT    5s    a comment line after this long without a change (below the HTTP idle timeout)
 * INDICATORS_SUBSCRIBE_MAX_CLIENTS  200   subscribers at once (each holds one sending thread); one more is answered 503
 * </pre>
 */
public record SubscribeSettings(int buffer, Duration heartbeat, int maxClients) {

    public SubscribeSettings {
        if (buffer < 1) throw new IllegalArgumentException("INDICATORS_SUBSCRIBE_BUFFER must be at least 1, not " + buffer);
        if (maxClients < 1) throw new IllegalArgumentException("INDICATORS_SUBSCRIBE_MAX_CLIENTS must be at least 1, not " + maxClients);
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("INDICATORS_SUBSCRIBE_HEARTBEAT must be positive, not " + heartbeat);
        }
    }

    public static SubscribeSettings fromSettings(Settings s) {
        return new SubscribeSettings(s.value(SettingCatalogue.SUBSCRIBE_BUFFER), s.value(SettingCatalogue.SUBSCRIBE_HEARTBEAT),
                s.value(SettingCatalogue.SUBSCRIBE_MAX_CLIENTS));
    }

    /** Checked against the HTTP idle timeout: a stream quiet for longer than that would be cut by the server. */
    public SubscribeSettings checkedAgainst(Duration idleTimeout) {
        if (heartbeat.compareTo(idleTimeout) >= 0) {
            throw new IllegalArgumentException("INDICATORS_SUBSCRIBE_HEARTBEAT (" + heartbeat + ") must be shorter than INDICATORS_HTTP_IDLE_TIMEOUT ("
                    + idleTimeout + "), or quiet streams are closed as idle");
        }
        return this;
    }
}
