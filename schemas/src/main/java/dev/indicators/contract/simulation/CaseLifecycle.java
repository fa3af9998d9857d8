package dev.indicators.contract.simulation;

import java.util.SplittableRandom;

/**
 * How the simulator plays cases of one event type: how often they start, and each case's events one after the
 * other. Deterministic: everything random is drawn from the case's own {@link SplittableRandom}.
 *
 * @param share         the weight of this type among new simulated cases (the weights of all types are summed)
 * @param caseKeyPrefix the start of case keys, e.g. {@code RC-} for {@code RC-310118-s42-00000017}
 * @param opener        opens a new case
 */
public record CaseLifecycle(double share, String caseKeyPrefix, Opener opener) {

    /** Opens a new case; draws its fixed attributes (agency, category, ...) from the random it keeps for its life. */
    @FunctionalInterface
    public interface Opener {
        SimulatedCase open(String caseKey, String regionCode, SplittableRandom random);
    }

    /** A new case whose first event is at the time the simulator chose. */
    public SimulatedCase open(String caseKey, String regionCode, SplittableRandom random) {
        return opener.open(caseKey, regionCode, random);
    }
}
