package dev.indicators.streams.app;

import dev.indicators.contract.EventType;

/** The names of the topology's state stores (and so of their changelog topics, {@code <application.id>-<name>-changelog}). */
public final class StoreNames {

    /** {@code regionCode|indicator|period} → count (or, for the stock, net change) of that bucket. */
    public static final String TOTALS = "indicator-totals";
    /** {@code regionCode|indicator|trailing:Nd} → the last published value of that trailing window. */
    public static final String TRAILING = "indicator-trailing";
    /** What the refresh punctuator still owes: {@code trailing|region|indicator}, {@code stock|region|indicator} → first epoch day, {@code day}. */
    public static final String REFRESH = "indicator-refresh";
    /**
     * One entry, written when totals changed since the last publication: its cache flush, which Kafka Streams runs
     * before every commit, publishes them. In memory and not changelogged: it never holds anything a commit needs.
     */
    public static final String PUBLISH_DUE = "indicator-publish-due";

    private StoreNames() {
    }

    /** Window store eventId → fingerprint, retention = de-duplication horizon. */
    public static String eventIds(EventType type) {
        return type.jsonName() + "-event-ids";
    }

    /** caseId / certificateNo → the case's distinct events. */
    public static String cases(EventType type) {
        return type.jsonName() + "-cases";
    }
}
