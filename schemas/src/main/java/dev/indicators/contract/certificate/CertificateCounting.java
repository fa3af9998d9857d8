package dev.indicators.contract.certificate;

import dev.indicators.contract.avro.CertificateAction;
import dev.indicators.contract.avro.CertificateEvent;
import dev.indicators.contract.cases.CaseCounting;
import dev.indicators.contract.cases.CaseCounts;
import dev.indicators.contract.cases.CaseFact;
import dev.indicators.contract.cases.CaseState;
import dev.indicators.contract.cases.EventFingerprint;
import dev.indicators.contract.indicator.IndicatorName;
import org.apache.avro.specific.SpecificRecord;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counting rules of enforcement certificates (行政执法证), docs/design.md "Counting rules":
 * <ul>
 *   <li>flows {@code issued}, {@code suspended}, {@code reinstated}, {@code revoked}: once per certificate each, dated
 *       by the winning event of that action (a certificate suspended twice counts once, on the later date);</li>
 *   <li>{@code annual_review_passed} / {@code annual_review_failed}: once per certificate per calendar year
 *       (Asia/Shanghai), the winning review of that year;</li>
 *   <li>stock {@code active}: walking the events in precedence order, ISSUED and REINSTATED make the certificate
 *       active, SUSPENDED and REVOKED inactive; +1 on the day it becomes active, -1 on the day it stops being.</li>
 * </ul>
 * The winner of a slot has the later occurredAt, then the later arrival; counts are in the region of the latest event.
 * A fact's kind is the action ordinal; certificates have no detail.
 */
public final class CertificateCounting implements CaseCounting {

    private static final CertificateAction[] ACTIONS = CertificateAction.values();

    @Override
    public CaseFact factOf(SpecificRecord event, EventFingerprint fingerprint) {
        CertificateEvent e = (CertificateEvent) event;
        return new CaseFact(0, e.getEventId(), fingerprint, e.getOccurredAt().toEpochMilli(), e.getRegionCode(),
                e.getAction().ordinal(), CaseFact.NONE);
    }

    @Override
    public CaseCounts count(CaseState state) {
        CaseCounts counts = new CaseCounts();
        if (state.isEmpty()) return counts;
        String region = state.latest().orElseThrow().regionCode();
        flow(state, region, CertificateAction.ISSUED, CertificateIndicators.ISSUED, counts);
        flow(state, region, CertificateAction.SUSPENDED, CertificateIndicators.SUSPENDED, counts);
        flow(state, region, CertificateAction.REINSTATED, CertificateIndicators.REINSTATED, counts);
        flow(state, region, CertificateAction.REVOKED, CertificateIndicators.REVOKED, counts);

        List<CaseFact> timeline = state.timeline();
        Map<Integer, CaseFact> reviewByYear = new TreeMap<>();
        for (CaseFact f : timeline) {
            CertificateAction a = action(f);
            if (a == CertificateAction.ANNUAL_REVIEW_PASSED || a == CertificateAction.ANNUAL_REVIEW_FAILED) {
                reviewByYear.put(f.day().getYear(), f); // timeline is in precedence order: the last one of a year wins
            }
        }
        reviewByYear.values().forEach(r -> counts.add(region, action(r) == CertificateAction.ANNUAL_REVIEW_PASSED
                ? CertificateIndicators.ANNUAL_REVIEW_PASSED : CertificateIndicators.ANNUAL_REVIEW_FAILED, r.day()));

        boolean active = false;
        for (CaseFact f : timeline) {
            boolean now = switch (action(f)) {
                case ISSUED, REINSTATED -> true;
                case SUSPENDED, REVOKED -> false;
                case ANNUAL_REVIEW_PASSED, ANNUAL_REVIEW_FAILED -> active;
            };
            if (now != active) counts.add(region, CertificateIndicators.ACTIVE, f.day(), now ? 1 : -1);
            active = now;
        }
        return counts;
    }

    private static void flow(CaseState state, String region, CertificateAction action, IndicatorName indicator, CaseCounts counts) {
        state.latest(f -> action(f) == action).ifPresent(f -> counts.add(region, indicator, f.day()));
    }

    private static CertificateAction action(CaseFact f) {
        return ACTIONS[f.kind()];
    }
}
