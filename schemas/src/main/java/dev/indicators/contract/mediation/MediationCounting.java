package dev.indicators.contract.mediation;

import dev.indicators.contract.avro.MediationEvent;
import dev.indicators.contract.avro.MediationStatus;
import dev.indicators.contract.cases.CaseCounting;
import dev.indicators.contract.cases.CaseCounts;
import dev.indicators.contract.cases.CaseFact;
import dev.indicators.contract.cases.CaseState;
import dev.indicators.contract.cases.EventFingerprint;
import org.apache.avro.specific.SpecificRecord;

/**
 * Counting rules of mediation (人民调解 and others), docs/design.md "Counting rules":
 * <ul>
 *   <li>{@code received}: every case once, dated by its earliest event;</li>
 *   <li>one exclusive result, {@code succeeded} | {@code failed}: the winning SUCCEEDED / FAILED event;</li>
 *   <li>{@code agreements}: when that result is SUCCEEDED with {@code agreementSigned = true}, same day;</li>
 *   <li>{@code withdrawn}: once, dated by the winning WITHDRAWN event; it takes nothing away from the other counts.</li>
 * </ul>
 * The winner of a slot has the later occurredAt, then the later arrival; counts are in the region of the latest event.
 * A fact's kind is the status ordinal, its detail the agreement flag (1 signed, 0 not, {@link CaseFact#NONE} not given).
 */
public final class MediationCounting implements CaseCounting {

    private static final MediationStatus[] STATUSES = MediationStatus.values();
    static final int SIGNED = 1;

    @Override
    public CaseFact factOf(SpecificRecord event, EventFingerprint fingerprint) {
        MediationEvent e = (MediationEvent) event;
        Boolean signed = e.getAgreementSigned();
        return new CaseFact(0, e.getEventId(), fingerprint, e.getOccurredAt().toEpochMilli(), e.getRegionCode(),
                e.getStatus().ordinal(), signed == null ? CaseFact.NONE : signed ? SIGNED : 0);
    }

    @Override
    public CaseCounts count(CaseState state) {
        CaseCounts counts = new CaseCounts();
        if (state.isEmpty()) return counts;
        String region = state.latest().orElseThrow().regionCode();
        counts.add(region, MediationIndicators.RECEIVED, state.firstDay().orElseThrow());
        state.latest(f -> status(f) == MediationStatus.SUCCEEDED || status(f) == MediationStatus.FAILED).ifPresent(r -> {
            if (status(r) == MediationStatus.SUCCEEDED) {
                counts.add(region, MediationIndicators.SUCCEEDED, r.day());
                if (r.detail() == SIGNED) counts.add(region, MediationIndicators.AGREEMENTS, r.day());
            } else {
                counts.add(region, MediationIndicators.FAILED, r.day());
            }
        });
        state.latest(f -> status(f) == MediationStatus.WITHDRAWN)
                .ifPresent(w -> counts.add(region, MediationIndicators.WITHDRAWN, w.day()));
        return counts;
    }

    private static MediationStatus status(CaseFact f) {
        return STATUSES[f.kind()];
    }
}
