package dev.indicators.app.health;

import dev.indicators.app.lag.ConsumerLagMonitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The lag monitor still samples: its sampling task has not died and its last good sample is recent (three intervals,
 * at least 30 s). Otherwise the lag metrics are frozen at their last value and no lag alert can fire.
 */
public final class LagSamplerReadiness implements ReadinessCheck {

    private final ConsumerLagMonitor monitor;
    private final Duration maxAge;
    private final Clock clock;

    public LagSamplerReadiness(ConsumerLagMonitor monitor, Duration interval, Clock clock) {
        this.monitor = monitor;
        this.maxAge = interval.multipliedBy(3).compareTo(Duration.ofSeconds(30)) < 0 ? Duration.ofSeconds(30) : interval.multipliedBy(3);
        this.clock = clock;
    }

    @Override
    public String name() {
        return "lag-monitor";
    }

    @Override
    public Status check() {
        if (!monitor.isSampling()) {
            return Status.notReady("the lag sampler has stopped" + monitor.stopCause().map(c -> " (" + c + ")").orElse("")
                    + "; lag metrics are frozen");
        }
        Instant last = monitor.lastGoodSample();
        Duration age = Duration.between(last, clock.instant());
        return age.compareTo(maxAge) <= 0
                ? Status.ready("last sample " + age.toSeconds() + "s ago")
                : Status.notReady("no good lag sample for " + age.toSeconds() + "s (limit " + maxAge.toSeconds() + "s); lag metrics are stale");
    }
}
