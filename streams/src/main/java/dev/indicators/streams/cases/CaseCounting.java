package dev.indicators.streams.cases;

/** The counting rules of one event type: what a case counts for, as a pure function of its history. */
public interface CaseCounting {

    CaseCounts count(CaseHistory history);
}
