package dev.indicators.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock for the streams app that turns the Shanghai day in the middle of its work: it reads an hour before a
 * Shanghai midnight (16:00 UTC) until it has been read {@code turnAfter} times, then just after that midnight, and
 * runs at the real pace in between. The app reads its clock for every event it validates and every total it
 * publishes, so the turn falls after a known amount of work, not after a time.
 */
final class DayTurningClock extends Clock {

    private record State(Instant midnight, long startNanos, long turnAfter, AtomicLong reads) {
    }

    private final State state;
    private final ZoneId zone;

    private DayTurningClock(State state, ZoneId zone) {
        this.state = state;
        this.zone = zone;
    }

    /**
     * Turns at the last Shanghai midnight at least an hour ago: the app stamps some totals with its clock, and the
     * broker refuses timestamps more than an hour ahead ({@code message.timestamp.after.max.ms}), so the app's clock
     * stays in the past; the events must then be older still (see {@link #eventsEnd()}).
     */
    static DayTurningClock turningAfter(long reads) {
        Instant now = Instant.now();
        Instant midnight = LocalDate.ofInstant(now, ZoneOffset.UTC).atTime(16, 0).toInstant(ZoneOffset.UTC);
        while (midnight.isAfter(now.minus(Duration.ofHours(1)))) midnight = midnight.minus(Duration.ofDays(1));
        return new DayTurningClock(new State(midnight, System.nanoTime(), reads, new AtomicLong()), ZoneOffset.UTC);
    }

    /** Whether the day has turned (the clock was read more than {@code turnAfter} times). */
    boolean turned() {
        return state.reads().get() > state.turnAfter();
    }

    Instant midnight() {
        return state.midnight();
    }

    /** A clock for the end of the simulated events: two hours before the midnight, so they are past for the app too. */
    Clock eventsEnd() {
        return Clock.fixed(state.midnight().minus(Duration.ofHours(2)), ZoneOffset.UTC);
    }

    @Override
    public Instant instant() {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - state.startNanos());
        boolean after = state.reads().incrementAndGet() > state.turnAfter();
        return (after ? state.midnight().plusSeconds(1) : state.midnight().minus(Duration.ofHours(1))).plus(elapsed);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new DayTurningClock(state, zone);
    }
}
