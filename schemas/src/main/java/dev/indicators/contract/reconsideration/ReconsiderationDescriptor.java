package dev.indicators.contract.reconsideration;

import dev.indicators.contract.EventDescriptor;
import dev.indicators.contract.avro.ReconsiderationEvent;
import dev.indicators.contract.avro.ReconsiderationOutcome;
import dev.indicators.contract.avro.ReconsiderationStage;
import dev.indicators.contract.simulation.CaseLifecycle;
import dev.indicators.contract.simulation.OfficeHours;
import dev.indicators.contract.simulation.SimulatedCase;
import dev.indicators.contract.validation.EventLimits;
import dev.indicators.contract.validation.FieldError;
import org.apache.avro.specific.SpecificRecord;

import java.time.Instant;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/** Administrative reconsideration (行政复议): topic {@code indicators.reconsideration.v1}, keyed by {@code caseId}. */
public final class ReconsiderationDescriptor {

    public static final EventDescriptor<ReconsiderationEvent> DESCRIPTOR = new EventDescriptor<>("reconsideration", "caseId", ReconsiderationEvent.class,
            ReconsiderationEvent::getCaseId, ReconsiderationDescriptor::check, "reconsideration", ReconsiderationIndicators.ALL, new ReconsiderationCounting(),
            new CaseLifecycle(0.20, "RC-", ReconsiderationDescriptor::open));

    /** An outcome only with stage CONCLUDED. */
    static void check(ReconsiderationEvent e, EventLimits limits, Consumer<FieldError> errors) {
        if (e.getOutcome() != null && e.getStage() != ReconsiderationStage.CONCLUDED) {
            errors.accept(new FieldError("outcome", e.getOutcome().name(), "an outcome is only allowed with stage CONCLUDED, not " + e.getStage()));
        }
    }

    private static final ReconsiderationOutcome[] OUTCOMES = {ReconsiderationOutcome.UPHELD, ReconsiderationOutcome.DISMISSED,
            ReconsiderationOutcome.TERMINATED, ReconsiderationOutcome.REVOKED, ReconsiderationOutcome.CONFIRMED_ILLEGAL};
    private static final double[] OUTCOME_WEIGHTS = {0.47, 0.15, 0.20, 0.15, 0.03};

    /**
     * APPLIED, 1-5 days later ACCEPTED (55%) / REJECTED (15%) / CORRECTION_REQUESTED (30%); of the accepted, 85%
     * CONCLUDED 10-60 days later with Qingpu's outcome mix (upheld 47%, dismissed 15%, terminated 20%, revoked 15%,
     * confirmed illegal 3%), 3% WITHDRAWN, the rest still open. A fifth of new simulated cases.
     */
    private static SimulatedCase open(String caseKey, String regionCode, SplittableRandom random) {
        return new SimulatedCase() {
            ReconsiderationStage stage = ReconsiderationStage.APPLIED;
            ReconsiderationOutcome outcome;

            @Override
            public SpecificRecord event(String eventId, Instant at) {
                return new ReconsiderationEvent(eventId, regionCode, "gov-" + regionCode, at, caseKey, stage,
                        stage == ReconsiderationStage.CONCLUDED ? outcome : null);
            }

            @Override
            public Instant advance(Instant previous) {
                SplittableRandom r = random;
                if (stage == ReconsiderationStage.APPLIED) {
                    double u = r.nextDouble();
                    stage = u < 0.55 ? ReconsiderationStage.ACCEPTED : u < 0.70 ? ReconsiderationStage.REJECTED : ReconsiderationStage.CORRECTION_REQUESTED;
                    return OfficeHours.later(previous, 1, 5, r);
                }
                if (stage == ReconsiderationStage.ACCEPTED) {
                    double u = r.nextDouble();
                    if (u < 0.85) {
                        stage = ReconsiderationStage.CONCLUDED;
                        outcome = OfficeHours.pick(r, OUTCOMES, OUTCOME_WEIGHTS);
                        return OfficeHours.later(previous, 10, 60, r);
                    }
                    if (u < 0.88) {
                        stage = ReconsiderationStage.WITHDRAWN;
                        return OfficeHours.later(previous, 5, 40, r);
                    }
                }
                return null;
            }
        };
    }
}
