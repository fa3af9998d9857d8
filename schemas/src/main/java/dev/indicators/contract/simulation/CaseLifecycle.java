package dev.indicators.contract.simulation;

import java.util.SplittableRandom;

/**
 * How the simulator plays cases of one event type: how often they start, and each case's events one after the
 * other. Deterministic: everything random is drawn from the case's own {@link SplittableRandom}.
 */
public interface CaseLifecycle {

    /** The weight of this type among new simulated cases (the weights of all types are summed, not required to be 1). */
    double share();

    /** The start of case keys, e.g. {@code RC-} for {@code RC-310118-s42-00000017}. */
    String caseKeyPrefix();

    /**
     * A new case; draws its fixed attributes (agency, category, ...) from {@code random}, which it keeps for the
     * rest of its life. Its first event is at the time the simulator chose.
     */
    SimulatedCase open(String caseKey, String regionCode, SplittableRandom random);
}
