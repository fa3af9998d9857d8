package dev.indicators.streams.oracle;

import dev.indicators.contract.mediation.MediationIndicators;
import dev.indicators.contract.avro.MediationEvent;
import dev.indicators.contract.avro.MediationStatus;
import dev.indicators.contract.indicator.IndicatorName;

/**
 * Counting rules of mediation (人民调解 and others), docs/design.md "Counting rules":
 * <ul>
 *   <li>{@code received}: every case once, dated by its earliest event;</li>
 *   <li>one exclusive result, {@code succeeded} | {@code failed}: the winning SUCCEEDED / FAILED event;</li>
 *   <li>{@code agreements}: when that result is SUCCEEDED with {@code agreementSigned = true}, same day;</li>
 *   <li>{@code withdrawn}: once, dated by the winning WITHDRAWN event; it takes nothing away from the other counts.</li>
 * </ul>
 * The winner of a slot has the later occurredAt, then the later arrival; counts are in the region of the latest event.
 */
public final class OracleMediationCounting implements OracleCaseCounting {

    @Override
    public OracleCaseCounts count(OracleCaseHistory history) {
        OracleCaseCounts counts = new OracleCaseCounts();
        if (history.isEmpty()) return counts;
        String region = history.latest().orElseThrow().regionCode();
        counts.add(region, MediationIndicators.RECEIVED, history.firstDay().orElseThrow());
        history.latest(e -> status(e) == MediationStatus.SUCCEEDED || status(e) == MediationStatus.FAILED).ifPresent(r -> {
            MediationEvent result = r.as(MediationEvent.class);
            if (result.getStatus() == MediationStatus.SUCCEEDED) {
                counts.add(region, MediationIndicators.SUCCEEDED, r.day());
                if (Boolean.TRUE.equals(result.getAgreementSigned())) counts.add(region, MediationIndicators.AGREEMENTS, r.day());
            } else {
                counts.add(region, MediationIndicators.FAILED, r.day());
            }
        });
        history.latest(e -> status(e) == MediationStatus.WITHDRAWN)
                .ifPresent(w -> counts.add(region, MediationIndicators.WITHDRAWN, w.day()));
        return counts;
    }

    private static MediationStatus status(OracleCaseEvent e) {
        return e.as(MediationEvent.class).getStatus();
    }
}
