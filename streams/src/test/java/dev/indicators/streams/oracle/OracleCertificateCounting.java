package dev.indicators.streams.oracle;

import dev.indicators.contract.certificate.CertificateIndicators;
import dev.indicators.contract.avro.CertificateAction;
import dev.indicators.contract.avro.CertificateEvent;
import dev.indicators.contract.indicator.IndicatorName;

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
 */
public final class OracleCertificateCounting implements OracleCaseCounting {

    @Override
    public OracleCaseCounts count(OracleCaseHistory history) {
        OracleCaseCounts counts = new OracleCaseCounts();
        if (history.isEmpty()) return counts;
        String region = history.latest().orElseThrow().regionCode();
        flow(history, region, CertificateAction.ISSUED, CertificateIndicators.ISSUED, counts);
        flow(history, region, CertificateAction.SUSPENDED, CertificateIndicators.SUSPENDED, counts);
        flow(history, region, CertificateAction.REINSTATED, CertificateIndicators.REINSTATED, counts);
        flow(history, region, CertificateAction.REVOKED, CertificateIndicators.REVOKED, counts);

        Map<Integer, OracleCaseEvent> reviewByYear = new TreeMap<>();
        for (OracleCaseEvent e : history.timeline()) {
            CertificateAction a = action(e);
            if (a == CertificateAction.ANNUAL_REVIEW_PASSED || a == CertificateAction.ANNUAL_REVIEW_FAILED) {
                reviewByYear.put(e.day().getYear(), e); // timeline is in precedence order: the last one of a year wins
            }
        }
        reviewByYear.values().forEach(r -> counts.add(region, action(r) == CertificateAction.ANNUAL_REVIEW_PASSED
                ? CertificateIndicators.ANNUAL_REVIEW_PASSED : CertificateIndicators.ANNUAL_REVIEW_FAILED, r.day()));

        boolean active = false;
        for (OracleCaseEvent e : history.timeline()) {
            boolean now = switch (action(e)) {
                case ISSUED, REINSTATED -> true;
                case SUSPENDED, REVOKED -> false;
                case ANNUAL_REVIEW_PASSED, ANNUAL_REVIEW_FAILED -> active;
            };
            if (now != active) counts.add(region, CertificateIndicators.ACTIVE, e.day(), now ? 1 : -1);
            active = now;
        }
        return counts;
    }

    private static void flow(OracleCaseHistory history, String region, CertificateAction action, IndicatorName indicator, OracleCaseCounts counts) {
        history.latest(e -> action(e) == action).ifPresent(e -> counts.add(region, indicator, e.day()));
    }

    private static CertificateAction action(OracleCaseEvent e) {
        return e.as(CertificateEvent.class).getAction();
    }
}
