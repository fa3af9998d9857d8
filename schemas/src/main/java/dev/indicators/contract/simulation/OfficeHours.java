package dev.indicators.contract.simulation;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.SplittableRandom;

/** When simulated events happen: on working days, during office hours in Asia/Shanghai, days apart as a lifecycle says. */
public final class OfficeHours {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private OfficeHours() {
    }

    /** Office hours on a day {@code minDays..maxDays} after {@code t}, strictly after it. */
    public static Instant later(Instant t, int minDays, int maxDays, SplittableRandom r) {
        Instant day = t.plus(Duration.ofDays(minDays + r.nextInt(maxDays - minDays + 1)));
        Instant at = on(day, r);
        return at.isAfter(t) ? at : t.plus(Duration.ofMinutes(10 + r.nextInt(120)));
    }

    /** Office hours between {@code a} and {@code b}, strictly after {@code a}. */
    public static Instant between(Instant a, Instant b, SplittableRandom r) {
        long span = Math.max(1, Duration.between(a, b).toMinutes());
        Instant at = on(a.plus(Duration.ofMinutes(r.nextLong(span))), r);
        return at.isAfter(a) ? at : a.plus(Duration.ofMinutes(30));
    }

    /** The same date (moved off the weekend 9 times in 10), at a time between 08:30 and 17:30 in Asia/Shanghai. */
    public static Instant on(Instant t, SplittableRandom r) {
        ZonedDateTime z = t.atZone(CHINA);
        if (z.getDayOfWeek() == DayOfWeek.SATURDAY || z.getDayOfWeek() == DayOfWeek.SUNDAY) {
            if (r.nextDouble() < 0.9) z = z.plusDays(z.getDayOfWeek() == DayOfWeek.SATURDAY ? 2 : 1);
        }
        int minute = 8 * 60 + 30 + r.nextInt(9 * 60);
        return z.with(LocalTime.of(minute / 60, minute % 60, r.nextInt(60))).toInstant();
    }

    /** One of {@code values}, drawn with the given weights (summing to 1; the last value takes what is left). */
    public static <T> T pick(SplittableRandom r, T[] values, double[] weights) {
        double u = r.nextDouble();
        double acc = 0;
        for (int i = 0; i < values.length; i++) {
            acc += weights[i];
            if (u < acc) return values[i];
        }
        return values[values.length - 1];
    }
}
