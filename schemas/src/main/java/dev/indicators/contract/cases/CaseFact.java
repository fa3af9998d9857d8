package dev.indicators.contract.cases;

import dev.indicators.contract.validation.EventJson;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;

/**
 * What the case state keeps of one distinct event: its id and content fingerprint (to tell a re-send from a re-used id)
 * and the facts the counting rules read, nothing else: when it happened, where, its {@code kind} (the ordinal of the
 * reconsideration stage, mediation status or certificate action) and {@code detail} (the outcome ordinal of a
 * reconsideration, the agreement flag of a mediation as 1 / 0, or {@link #NONE}). {@code arrival} is its place among
 * the case's events, 1 for the first that arrived: events of a case share a partition, so it is the input log's order.
 */
public record CaseFact(int arrival, String eventId, EventFingerprint fingerprint, long occurredAtMillis, String regionCode, int kind, int detail) {

    /** No detail (no outcome, agreement flag not given). */
    public static final int NONE = -1;

    /** The order in which events of a slot win: later occurredAt wins; on equal occurredAt, later arrival wins. */
    public static final Comparator<CaseFact> PRECEDENCE =
            Comparator.comparingLong(CaseFact::occurredAtMillis).thenComparingInt(CaseFact::arrival);

    /** Asia/Shanghai has kept UTC+8 without daylight saving since 1992 (it had DST from 1986 to 1991). */
    private static final long FIXED_OFFSET_SINCE = Instant.parse("1992-01-01T00:00:00Z").toEpochMilli();
    private static final long OFFSET_MILLIS = 8 * 3_600_000L;

    /** The Asia/Shanghai calendar day of occurredAt: the day a count set by this event is dated. */
    public LocalDate day() {
        if (occurredAtMillis >= FIXED_OFFSET_SINCE) {
            // the counting rules ask for days often; this is LocalDate.ofInstant without the zone rules lookup
            return LocalDate.ofEpochDay(Math.floorDiv(occurredAtMillis + OFFSET_MILLIS, 86_400_000L));
        }
        return LocalDate.ofInstant(Instant.ofEpochMilli(occurredAtMillis), EventJson.CHINA);
    }

    public CaseFact withArrival(int n) {
        return new CaseFact(n, eventId, fingerprint, occurredAtMillis, regionCode, kind, detail);
    }
}
