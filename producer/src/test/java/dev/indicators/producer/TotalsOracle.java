package dev.indicators.producer;

import dev.indicators.contract.avro.CertificateAction;
import dev.indicators.contract.avro.CertificateEvent;
import dev.indicators.contract.avro.LitigationEvent;
import dev.indicators.contract.avro.LitigationStage;
import dev.indicators.contract.avro.MediationEvent;
import dev.indicators.contract.avro.MediationStatus;
import dev.indicators.contract.avro.ReconsiderationEvent;
import dev.indicators.contract.avro.ReconsiderationStage;
import org.apache.avro.specific.SpecificRecord;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A plain re-statement of the counting rules of docs/design.md for yearly totals of one region (no roll-up), to check that
 * generated events add up to what they claim. Keys: {@code region|indicator|year:YYYY}.
 */
public final class TotalsOracle {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private TotalsOracle() {
    }

    public static Map<String, Long> yearly(List<SpecificRecord> events) {
        Map<String, List<SpecificRecord>> cases = new LinkedHashMap<>();
        for (SpecificRecord e : events) {
            String type = e.getClass().getSimpleName();
            cases.computeIfAbsent(type + "|" + dev.indicators.contract.validation.EventJson.caseKey(e), k -> new ArrayList<>()).add(e);
        }
        Map<String, Long> totals = new HashMap<>();
        for (List<SpecificRecord> c : cases.values()) {
            c.sort(Comparator.comparing(TotalsOracle::at));
            SpecificRecord first = c.get(0);
            if (first instanceof ReconsiderationEvent) reconsideration(c, totals);
            else if (first instanceof MediationEvent) mediation(c, totals);
            else if (first instanceof LitigationEvent) litigation(c, totals);
            else certificate(c, totals);
        }
        return totals;
    }

    private static void reconsideration(List<SpecificRecord> c, Map<String, Long> t) {
        ReconsiderationEvent first = (ReconsiderationEvent) c.get(0);
        String r = first.getRegionCode();
        add(t, r, "reconsideration.applied", first.getOccurredAt());
        ReconsiderationEvent disposition = null, concluded = null, withdrawn = null;
        for (SpecificRecord s : c) {
            ReconsiderationEvent e = (ReconsiderationEvent) s;
            switch (e.getStage()) {
                case ACCEPTED, REJECTED, CORRECTION_REQUESTED -> disposition = e;
                case CONCLUDED -> concluded = e;
                case WITHDRAWN -> withdrawn = e;
                default -> { }
            }
        }
        if (disposition != null) add(t, r, "reconsideration." + disposition.getStage().name().toLowerCase(Locale.ROOT), disposition.getOccurredAt());
        else if (concluded != null) add(t, r, "reconsideration.accepted", concluded.getOccurredAt());
        if (concluded != null) {
            add(t, r, "reconsideration.concluded", concluded.getOccurredAt());
            if (concluded.getOutcome() != null) add(t, r, "reconsideration.outcome." + concluded.getOutcome().name().toLowerCase(Locale.ROOT), concluded.getOccurredAt());
        }
        if (withdrawn != null) add(t, r, "reconsideration.withdrawn", withdrawn.getOccurredAt());
    }

    /** Responded by the first event, in the court level of the last event naming one; the last hearing, the last conclusion. */
    private static void litigation(List<SpecificRecord> c, Map<String, Long> t) {
        LitigationEvent first = (LitigationEvent) c.get(0);
        String r = ((LitigationEvent) c.get(c.size() - 1)).getRegionCode();
        String court = null;
        LitigationEvent heard = null, appeared = null, concluded = null;
        for (SpecificRecord s : c) {
            LitigationEvent e = (LitigationEvent) s;
            if (e.getCourtLevel() != null) court = switch (e.getCourtLevel()) {
                case BASIC -> "basic_court";
                case INTERMEDIATE -> "intermediate_court";
                case HIGH, SUPREME -> "higher_court";
            };
            if (e.getStage() == LitigationStage.HEARD) heard = e;
            if (e.getStage() == LitigationStage.HEARD && Boolean.TRUE.equals(e.getHeadAppeared())) appeared = e;
            if (e.getStage() == LitigationStage.CONCLUDED) concluded = e;
        }
        add(t, r, "litigation.responded", first.getOccurredAt());
        if (court != null) add(t, r, "litigation.responded." + court, first.getOccurredAt());
        if (heard != null) add(t, r, "litigation.heard", heard.getOccurredAt());
        if (appeared != null) add(t, r, "litigation.head_appeared", appeared.getOccurredAt());
        if (concluded != null) {
            add(t, r, "litigation.concluded", concluded.getOccurredAt());
            if (court != null) add(t, r, "litigation.concluded." + court, concluded.getOccurredAt());
            if (concluded.getOutcome() != null) add(t, r, "litigation.outcome." + concluded.getOutcome().name().toLowerCase(Locale.ROOT), concluded.getOccurredAt());
        }
    }

    private static void mediation(List<SpecificRecord> c, Map<String, Long> t) {
        MediationEvent first = (MediationEvent) c.get(0);
        String r = first.getRegionCode();
        add(t, r, "mediation.received", first.getOccurredAt());
        MediationEvent result = null, withdrawn = null;
        for (SpecificRecord s : c) {
            MediationEvent e = (MediationEvent) s;
            if (e.getStatus() == MediationStatus.SUCCEEDED || e.getStatus() == MediationStatus.FAILED) result = e;
            if (e.getStatus() == MediationStatus.WITHDRAWN) withdrawn = e;
        }
        if (result != null) {
            add(t, r, "mediation." + result.getStatus().name().toLowerCase(Locale.ROOT), result.getOccurredAt());
            if (result.getStatus() == MediationStatus.SUCCEEDED && Boolean.TRUE.equals(result.getAgreementSigned())) {
                add(t, r, "mediation.agreements", result.getOccurredAt());
            }
        }
        if (withdrawn != null) add(t, r, "mediation.withdrawn", withdrawn.getOccurredAt());
    }

    private static void certificate(List<SpecificRecord> c, Map<String, Long> t) {
        String r = ((CertificateEvent) c.get(0)).getRegionCode();
        Map<Integer, Boolean> activeAtYearEnd = new java.util.TreeMap<>();
        boolean active = false;
        for (SpecificRecord s : c) {
            CertificateEvent e = (CertificateEvent) s;
            int year = year(e.getOccurredAt());
            switch (e.getAction()) {
                case ISSUED -> {
                    add(t, r, "certificates.issued", e.getOccurredAt());
                    active = true;
                }
                case REINSTATED -> active = true;
                case SUSPENDED -> {
                    add(t, r, "certificates.suspended", e.getOccurredAt());
                    active = false;
                }
                case REVOKED -> {
                    add(t, r, "certificates.revoked", e.getOccurredAt());
                    active = false;
                }
                default -> { }
            }
            activeAtYearEnd.put(year, active);
        }
        // the stock as of each year's end, for the years the case saw events in
        activeAtYearEnd.forEach((year, a) -> {
            if (a) t.merge(r + "|certificates.active|year:" + year, 1L, Long::sum);
        });
        Map<Integer, CertificateAction> review = new HashMap<>();
        for (SpecificRecord s : c) {
            CertificateEvent e = (CertificateEvent) s;
            if (e.getAction() == CertificateAction.ANNUAL_REVIEW_PASSED || e.getAction() == CertificateAction.ANNUAL_REVIEW_FAILED) {
                review.put(year(e.getOccurredAt()), e.getAction());
            }
        }
        review.forEach((year, a) -> t.merge(r + "|certificates." + a.name().toLowerCase(Locale.ROOT) + "|year:" + year, 1L, Long::sum));
    }

    private static void add(Map<String, Long> t, String region, String indicator, Instant at) {
        t.merge(region + "|" + indicator + "|year:" + year(at), 1L, Long::sum);
    }

    private static int year(Instant at) {
        return at.atZone(CHINA).getYear();
    }

    public static Instant at(SpecificRecord e) {
        return (Instant) e.get(e.getSchema().getField("occurredAt").pos());
    }
}
