package dev.indicators.streams.app;

import dev.indicators.contract.EventType;

/** The names of the topology's state stores (and so of their changelog topics, {@code <application.id>-<name>-changelog}). */
public final class StoreNames {

    /**
     * The totals stage's stored truth: {@code regionCode|yyyy-MM} → that region's own day cells of the month (one
     * record per region and month, written once per publication cycle when it changed), and the day the trailing
     * windows were last slid. The totals in memory are rebuilt from it.
     */
    public static final String TOTALS = "indicator-totals";
    /**
     * One entry, written when totals changed since the last publication: its cache flush, which Kafka Streams runs
     * before every commit, runs the publication cycle. In memory and not changelogged: it never holds anything a
     * commit needs.
     */
    public static final String PUBLISH_DUE = "indicator-publish-due";

    private StoreNames() {
    }

    /** caseId / certificateNo → the case's state: its distinct events' ids, fingerprints and counting facts. */
    public static String cases(EventType type) {
        return type.jsonName() + "-cases";
    }

    /** Like {@link #PUBLISH_DUE}, for the case stage: its flush sends the count changes noted since the last commit. */
    public static String changesDue(EventType type) {
        return type.jsonName() + "-changes-due";
    }
}
