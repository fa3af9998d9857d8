package dev.indicators.contract.cases;

import org.apache.avro.specific.SpecificRecord;

/**
 * The counting rules of one event type, in one place: which facts of an event the rules need, and what a case counts
 * for as a pure function of its state.
 */
public interface CaseCounting {

    /** The facts of a valid event of this type (arrival 0: the case state numbers it). */
    CaseFact factOf(SpecificRecord event, EventFingerprint fingerprint);

    CaseCounts count(CaseState state);
}
