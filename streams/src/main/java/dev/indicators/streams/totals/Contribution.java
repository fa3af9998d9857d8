package dev.indicators.streams.totals;

import dev.indicators.streams.cases.Routed;

import java.time.LocalDate;

/**
 * A change of one count: {@code delta} cases more (or fewer) for {@code indicator} in {@code regionCode}, dated
 * {@code day} (Asia/Shanghai). Case state emits these as the difference between a case's counts before and after an
 * event; roll-up copies each to every region of the lineage. For the stock {@code certificates.active} a contribution
 * is a change of the stock on that day.
 */
public record Contribution(String regionCode, IndicatorName indicator, LocalDate day, int delta) implements Routed {

    /** The key the contribution is repartitioned by: all indicators of one family of one region meet in one task. */
    public String routingKey() {
        return regionCode + "|" + indicator.family().prefix();
    }
}
