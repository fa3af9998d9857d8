package dev.indicators.contract.litigation;

import dev.indicators.contract.EventDescriptor;
import dev.indicators.contract.avro.CourtLevel;
import dev.indicators.contract.avro.LitigationEvent;
import dev.indicators.contract.avro.LitigationOutcome;
import dev.indicators.contract.avro.LitigationStage;
import dev.indicators.contract.simulation.CaseLifecycle;
import dev.indicators.contract.simulation.OfficeHours;
import dev.indicators.contract.simulation.SimulatedCase;
import dev.indicators.contract.validation.EventLimits;
import dev.indicators.contract.validation.FieldError;
import org.apache.avro.specific.SpecificRecord;

import java.time.Instant;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Administrative litigation (行政应诉: suits in which a government is the defendant): topic
 * {@code indicators.litigation.v1}, keyed by {@code caseId}.
 */
public final class LitigationDescriptor {

    public static final EventDescriptor<LitigationEvent> DESCRIPTOR = new EventDescriptor<>("litigation", "caseId", LitigationEvent.class,
            LitigationEvent::getCaseId, LitigationDescriptor::check, "litigation", LitigationIndicators.ALL, new LitigationCounting(),
            new CaseLifecycle(0.02, "LT-", LitigationDescriptor::open));

    /** An outcome only with stage CONCLUDED; the head's appearance only with stage HEARD. */
    static void check(LitigationEvent e, EventLimits limits, Consumer<FieldError> errors) {
        if (e.getOutcome() != null && e.getStage() != LitigationStage.CONCLUDED) {
            errors.accept(new FieldError("outcome", e.getOutcome().name(), "an outcome is only allowed with stage CONCLUDED, not " + e.getStage()));
        }
        if (e.getHeadAppeared() != null && e.getStage() != LitigationStage.HEARD) {
            errors.accept(new FieldError("headAppeared", e.getHeadAppeared().toString(),
                    "the agency head's appearance is only allowed with stage HEARD, not " + e.getStage()));
        }
    }

    private static final CourtLevel[] LEVELS = {CourtLevel.BASIC, CourtLevel.INTERMEDIATE, CourtLevel.HIGH};
    private static final double[] LEVEL_WEIGHTS = {0.70, 0.28, 0.02};
    private static final LitigationOutcome[] OUTCOMES = {LitigationOutcome.WITHDRAWN, LitigationOutcome.CLAIMS_DISMISSED,
            LitigationOutcome.SUIT_DISMISSED, LitigationOutcome.LOST, LitigationOutcome.OTHER};
    private static final double[] OUTCOME_WEIGHTS = {0.30, 0.35, 0.15, 0.12, 0.08};

    /**
     * RESPONDED in a basic (70%), intermediate (28%) or high court; 20-60 days later HEARD (80%; the agency head
     * appears in 60% of hearings), then 10-90 days later CONCLUDED (90%) with outcomes withdrawn 30%, claims dismissed
     * 35%, suit dismissed 15%, lost 12%, other 8%; a suit not heard concludes 10-60 days after the response (withdrawn
     * or dismissed without a hearing) or stays open. Rare: about one new simulated case in fifty.
     */
    private static SimulatedCase open(String caseKey, String regionCode, SplittableRandom random) {
        CourtLevel level = OfficeHours.pick(random, LEVELS, LEVEL_WEIGHTS);
        return new SimulatedCase() {
            LitigationStage stage = LitigationStage.RESPONDED;
            Boolean headAppeared;
            LitigationOutcome outcome;

            @Override
            public SpecificRecord event(String eventId, Instant at) {
                return new LitigationEvent(eventId, regionCode, "gov-" + regionCode, at, caseKey, stage, level,
                        stage == LitigationStage.HEARD ? headAppeared : null, stage == LitigationStage.CONCLUDED ? outcome : null);
            }

            @Override
            public Instant advance(Instant previous) {
                SplittableRandom r = random;
                if (stage == LitigationStage.RESPONDED) {
                    if (r.nextDouble() < 0.80) {
                        stage = LitigationStage.HEARD;
                        headAppeared = r.nextDouble() < 0.60;
                        return OfficeHours.later(previous, 20, 60, r);
                    }
                    if (r.nextDouble() < 0.5) {
                        stage = LitigationStage.CONCLUDED;
                        outcome = r.nextDouble() < 0.6 ? LitigationOutcome.WITHDRAWN : LitigationOutcome.SUIT_DISMISSED;
                        return OfficeHours.later(previous, 10, 60, r);
                    }
                    return null;
                }
                if (stage == LitigationStage.HEARD && r.nextDouble() < 0.90) {
                    stage = LitigationStage.CONCLUDED;
                    outcome = OfficeHours.pick(r, OUTCOMES, OUTCOME_WEIGHTS);
                    return OfficeHours.later(previous, 10, 90, r);
                }
                return null;
            }
        };
    }
}
