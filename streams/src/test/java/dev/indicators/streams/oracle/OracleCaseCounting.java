package dev.indicators.streams.oracle;

/** The counting rules of one event type: what a case counts for, as a pure function of its history. */
public interface OracleCaseCounting {

    OracleCaseCounts count(OracleCaseHistory history);
}
