package dev.indicators.contract.mediation;

import dev.indicators.contract.EventDescriptor;
import dev.indicators.contract.avro.DisputeCategory;
import dev.indicators.contract.avro.MediationEvent;
import dev.indicators.contract.avro.MediationStatus;
import dev.indicators.contract.avro.MediationType;
import dev.indicators.contract.simulation.CaseLifecycle;
import dev.indicators.contract.simulation.OfficeHours;
import dev.indicators.contract.simulation.SimulatedCase;
import dev.indicators.contract.validation.EventLimits;
import dev.indicators.contract.validation.FieldError;
import org.apache.avro.specific.SpecificRecord;

import java.time.Instant;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/** Mediation (人民调解 and others): topic {@code indicators.mediation.v1}, keyed by {@code caseId}. */
public final class MediationDescriptor {

    public static final EventDescriptor<MediationEvent> DESCRIPTOR = new EventDescriptor<>("mediation", "caseId", MediationEvent.class,
            MediationEvent::getCaseId, MediationDescriptor::check, "mediation", MediationIndicators.ALL, new MediationCounting(),
            new CaseLifecycle(0.65, "MD-", MediationDescriptor::open));

    /** A signed agreement only with status SUCCEEDED. */
    static void check(MediationEvent e, EventLimits limits, Consumer<FieldError> errors) {
        if (Boolean.TRUE.equals(e.getAgreementSigned()) && e.getStatus() != MediationStatus.SUCCEEDED) {
            errors.accept(new FieldError("agreementSigned", "true", "a signed agreement is only allowed with status SUCCEEDED, not " + e.getStatus()));
        }
    }

    private static final MediationType[] MEDIATION_TYPES = {MediationType.PEOPLES, MediationType.ADMINISTRATIVE, MediationType.JUDICIAL, MediationType.INDUSTRY};
    private static final double[] MEDIATION_TYPE_WEIGHTS = {0.80, 0.08, 0.07, 0.05};
    private static final DisputeCategory[] CATEGORIES = {DisputeCategory.NEIGHBOUR, DisputeCategory.FAMILY, DisputeCategory.CONTRACT,
            DisputeCategory.LABOUR, DisputeCategory.OTHER, DisputeCategory.LAND, DisputeCategory.PROPERTY, DisputeCategory.TRAFFIC, DisputeCategory.MEDICAL};
    private static final double[] CATEGORY_WEIGHTS = {0.22, 0.18, 0.12, 0.10, 0.10, 0.09, 0.08, 0.08, 0.03};

    /**
     * RECEIVED, 0-30 days later SUCCEEDED (95%; a signed agreement in 85% of those) or FAILED; 1% WITHDRAWN. Mostly
     * people's mediation, disputes mostly between neighbours and in families. About two thirds of new simulated cases.
     */
    private static SimulatedCase open(String caseKey, String regionCode, SplittableRandom random) {
        MediationType mediationType = OfficeHours.pick(random, MEDIATION_TYPES, MEDIATION_TYPE_WEIGHTS);
        DisputeCategory category = OfficeHours.pick(random, CATEGORIES, CATEGORY_WEIGHTS);
        return new SimulatedCase() {
            MediationStatus status = MediationStatus.RECEIVED;
            Boolean agreement;

            @Override
            public SpecificRecord event(String eventId, Instant at) {
                return new MediationEvent(eventId, regionCode, "justice-" + regionCode, at, caseKey, status,
                        mediationType, category, status == MediationStatus.SUCCEEDED ? agreement : null);
            }

            @Override
            public Instant advance(Instant previous) {
                SplittableRandom r = random;
                if (status != MediationStatus.RECEIVED) return null;
                double u = r.nextDouble();
                if (u < 0.01) {
                    status = MediationStatus.WITHDRAWN;
                } else if (r.nextDouble() < 0.95) {
                    status = MediationStatus.SUCCEEDED;
                    agreement = r.nextDouble() < 0.85;
                } else {
                    status = MediationStatus.FAILED;
                }
                int maxDays = r.nextDouble() < 0.7 ? 10 : 30;
                return OfficeHours.later(previous, 0, maxDays, r);
            }
        };
    }
}
