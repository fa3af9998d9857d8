package dev.indicators.contract.validation;

import dev.indicators.contract.Settings;
import dev.indicators.contract.config.SettingCatalogue;

import java.time.Duration;
import java.time.Instant;

/**
 * The bounds an event must respect. {@code maxClockSkew}: how far in the future {@code occurredAt} may lie,
 * since agency clocks drift (INDICATORS_MAX_CLOCK_SKEW, default 5m).
 */
public record EventLimits(Duration maxClockSkew, Instant earliest, int maxIdLength, int maxTextLength) {

    public static final Instant EARLIEST_DEFAULT = Instant.parse("1999-12-31T16:00:00Z"); // 2000-01-01 in Asia/Shanghai

    public static EventLimits defaults() {
        return new EventLimits(Duration.ofMinutes(5), EARLIEST_DEFAULT, 64, 128);
    }

    public static EventLimits fromSettings(Settings s) {
        return new EventLimits(s.value(SettingCatalogue.MAX_CLOCK_SKEW), EARLIEST_DEFAULT, 64, 128);
    }
}
