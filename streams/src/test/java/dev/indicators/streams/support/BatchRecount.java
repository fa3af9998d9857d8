package dev.indicators.streams.support;

import dev.indicators.contract.avro.CertificateAction;
import dev.indicators.contract.avro.CertificateEvent;
import dev.indicators.contract.avro.MediationEvent;
import dev.indicators.contract.avro.MediationStatus;
import dev.indicators.contract.avro.ReconsiderationEvent;
import dev.indicators.contract.avro.ReconsiderationStage;
import dev.indicators.contract.region.Region;
import dev.indicators.contract.region.RegionTable;
import org.apache.avro.specific.SpecificRecord;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A clerk's recount of the same events, written independently of the production counting code: read the events in
 * the order they arrived, keep the first event of each eventId, group them by case, decide what each case reached by
 * the rules of docs/design.md, then answer any (region, indicator, period) by going through the cases one by one.
 */
public final class BatchRecount {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** One event of a case with its place in the arrival order. */
    private record Arrived(int order, SpecificRecord event, Instant at, String region, String kind) {
        LocalDate day() {
            return LocalDate.ofInstant(at, SHANGHAI);
        }
    }

    /** One count of a case: an indicator on a day, in the case's region. */
    private record Tally(String region, String indicator, LocalDate day) {
    }

    private final RegionTable regions;
    private final List<Tally> tallies = new ArrayList<>();
    private final Map<String, List<Tally>> talliesByIndicator = new HashMap<>();
    private final Map<String, java.util.Set<String>> ancestors = new HashMap<>();
    /** certificate → its events, for the stock. */
    private final Map<String, List<Arrived>> certificates = new LinkedHashMap<>();

    public BatchRecount(RegionTable regions, List<? extends SpecificRecord> arrivals) {
        this.regions = regions;
        Map<String, SpecificRecord> firstById = new HashMap<>();
        Map<String, List<Arrived>> byCase = new LinkedHashMap<>();
        for (int i = 0; i < arrivals.size(); i++) {
            SpecificRecord e = arrivals.get(i);
            String id = (String) e.get(e.getSchema().getField("eventId").pos());
            if (firstById.containsKey(id)) continue; // a re-send, or a re-used id: the first one stands
            firstById.put(id, e);
            Arrived a;
            String caseKey;
            if (e instanceof ReconsiderationEvent r) {
                a = new Arrived(i, e, r.getOccurredAt(), r.getRegionCode(), r.getStage().name());
                caseKey = "R:" + r.getCaseId();
            } else if (e instanceof MediationEvent m) {
                a = new Arrived(i, e, m.getOccurredAt(), m.getRegionCode(), m.getStatus().name());
                caseKey = "M:" + m.getCaseId();
            } else {
                CertificateEvent c = (CertificateEvent) e;
                a = new Arrived(i, e, c.getOccurredAt(), c.getRegionCode(), c.getAction().name());
                caseKey = "C:" + c.getCertificateNo();
            }
            byCase.computeIfAbsent(caseKey, k -> new ArrayList<>()).add(a);
        }
        for (Map.Entry<String, List<Arrived>> c : byCase.entrySet()) {
            List<Arrived> events = new ArrayList<>(c.getValue());
            // first to last: earlier occurredAt first; on a tie, earlier arrival first. The last one of a slot wins.
            events.sort((x, y) -> x.at().equals(y.at()) ? Integer.compare(x.order(), y.order()) : x.at().compareTo(y.at()));
            String region = events.get(events.size() - 1).region();
            switch (c.getKey().charAt(0)) {
                case 'R' -> reconsideration(region, events);
                case 'M' -> mediation(region, events);
                default -> {
                    certificate(region, events);
                    certificates.put(c.getKey(), events);
                }
            }
        }
        for (Tally t : tallies) talliesByIndicator.computeIfAbsent(t.indicator(), k -> new ArrayList<>()).add(t);
    }

    private static Optional<Arrived> lastOf(List<Arrived> sorted, String... kinds) {
        Arrived found = null;
        for (Arrived a : sorted) {
            for (String k : kinds) if (a.kind().equals(k)) found = a;
        }
        return Optional.ofNullable(found);
    }

    private void reconsideration(String region, List<Arrived> sorted) {
        tallies.add(new Tally(region, "reconsideration.applied", sorted.get(0).day()));
        Optional<Arrived> disposition = lastOf(sorted, "ACCEPTED", "REJECTED", "CORRECTION_REQUESTED");
        Optional<Arrived> concluded = lastOf(sorted, "CONCLUDED");
        if (disposition.isPresent()) {
            tallies.add(new Tally(region, "reconsideration." + disposition.get().kind().toLowerCase(Locale.ROOT), disposition.get().day()));
        } else if (concluded.isPresent()) {
            tallies.add(new Tally(region, "reconsideration.accepted", concluded.get().day()));
        }
        if (concluded.isPresent()) {
            tallies.add(new Tally(region, "reconsideration.concluded", concluded.get().day()));
            var outcome = ((ReconsiderationEvent) concluded.get().event()).getOutcome();
            if (outcome != null) {
                tallies.add(new Tally(region, "reconsideration.outcome." + outcome.name().toLowerCase(Locale.ROOT), concluded.get().day()));
            }
        }
        lastOf(sorted, ReconsiderationStage.WITHDRAWN.name()).ifPresent(w -> tallies.add(new Tally(region, "reconsideration.withdrawn", w.day())));
    }

    private void mediation(String region, List<Arrived> sorted) {
        tallies.add(new Tally(region, "mediation.received", sorted.get(0).day()));
        lastOf(sorted, "SUCCEEDED", "FAILED").ifPresent(r -> {
            MediationEvent m = (MediationEvent) r.event();
            if (m.getStatus() == MediationStatus.SUCCEEDED) {
                tallies.add(new Tally(region, "mediation.succeeded", r.day()));
                if (Boolean.TRUE.equals(m.getAgreementSigned())) tallies.add(new Tally(region, "mediation.agreements", r.day()));
            } else {
                tallies.add(new Tally(region, "mediation.failed", r.day()));
            }
        });
        lastOf(sorted, "WITHDRAWN").ifPresent(w -> tallies.add(new Tally(region, "mediation.withdrawn", w.day())));
    }

    private void certificate(String region, List<Arrived> sorted) {
        for (CertificateAction action : List.of(CertificateAction.ISSUED, CertificateAction.SUSPENDED, CertificateAction.REINSTATED, CertificateAction.REVOKED)) {
            lastOf(sorted, action.name()).ifPresent(a -> tallies.add(new Tally(region, "certificates." + action.name().toLowerCase(Locale.ROOT), a.day())));
        }
        Map<Integer, Arrived> lastReviewOfYear = new HashMap<>();
        for (Arrived a : sorted) {
            if (a.kind().startsWith("ANNUAL_REVIEW_")) lastReviewOfYear.put(a.day().getYear(), a);
        }
        for (Arrived r : lastReviewOfYear.values()) {
            tallies.add(new Tally(region, r.kind().equals("ANNUAL_REVIEW_PASSED") ? "certificates.annual_review_passed" : "certificates.annual_review_failed", r.day()));
        }
    }

    /** Whether {@code region} is {@code target} or lies under it in the region table. */
    private boolean within(String region, String target) {
        return ancestors.computeIfAbsent(region, code -> {
            java.util.Set<String> up = new java.util.HashSet<>();
            for (Optional<Region> r = regions.find(code); r.isPresent(); r = regions.parentOf(r.get())) up.add(r.get().code().value());
            return up;
        }).contains(target);
    }

    /** First and last day of a period text read on {@code today}; null first day for "all". */
    private static LocalDate[] bounds(String period, LocalDate today) {
        if (period.equals("all")) return new LocalDate[]{null, today.plusDays(1)};
        String[] kv = period.split(":");
        String v = kv[1];
        return switch (kv[0]) {
            case "day" -> new LocalDate[]{LocalDate.parse(v), LocalDate.parse(v)};
            case "month" -> {
                LocalDate first = LocalDate.parse(v + "-01");
                yield new LocalDate[]{first, first.plusMonths(1).minusDays(1)};
            }
            case "quarter" -> {
                int year = Integer.parseInt(v.substring(0, 4));
                int q = Integer.parseInt(v.substring(5));
                LocalDate first = LocalDate.of(year, 3 * q - 2, 1);
                yield new LocalDate[]{first, first.plusMonths(3).minusDays(1)};
            }
            case "year" -> new LocalDate[]{LocalDate.of(Integer.parseInt(v), 1, 1), LocalDate.of(Integer.parseInt(v), 12, 31)};
            case "trailing" -> new LocalDate[]{today.minusDays(Integer.parseInt(v.replace("d", "")) - 1), today};
            default -> throw new IllegalArgumentException(period);
        };
    }

    /** How many cases of {@code region} (or below it) counted {@code indicator} in the period. */
    public long count(String region, String indicator, String period, LocalDate today) {
        LocalDate[] b = bounds(period, today);
        long n = 0;
        for (Tally t : talliesByIndicator.getOrDefault(indicator, List.of())) {
            if (!within(t.region(), region)) continue;
            if ((b[0] == null || !t.day().isBefore(b[0])) && (period.equals("all") || !t.day().isAfter(b[1]))) n++;
        }
        return n;
    }

    /** How many certificates of the region were active at the end of the period's last day (today for trailing and all). */
    public long active(String region, String period, LocalDate today) {
        LocalDate end = period.equals("all") || period.startsWith("trailing:") ? today : bounds(period, today)[1];
        long n = 0;
        for (List<Arrived> events : certificates.values()) {
            String certRegion = events.get(events.size() - 1).region();
            if (!within(certRegion, region)) continue;
            boolean active = false;
            for (Arrived a : events) {
                if (a.day().isAfter(end)) break;
                switch (a.kind()) {
                    case "ISSUED", "REINSTATED" -> active = true;
                    case "SUSPENDED", "REVOKED" -> active = false;
                    default -> { }
                }
            }
            if (active) n++;
        }
        return n;
    }

    /** The value the pipeline should answer: counts, the stock, or a rate as numerator / denominator (NaN when 0/0). */
    public double[] value(String region, String indicator, String period, LocalDate today) {
        return switch (indicator) {
            case "mediation.success_rate" -> rate(count(region, "mediation.succeeded", period, today),
                    count(region, "mediation.succeeded", period, today) + count(region, "mediation.failed", period, today));
            case "reconsideration.correction_rate" -> rate(
                    count(region, "reconsideration.outcome.revoked", period, today) + count(region, "reconsideration.outcome.confirmed_illegal", period, today)
                            + count(region, "reconsideration.outcome.modified", period, today) + count(region, "reconsideration.outcome.ordered_to_perform", period, today),
                    count(region, "reconsideration.concluded", period, today));
            case "certificates.review_failure_rate" -> rate(count(region, "certificates.annual_review_failed", period, today),
                    count(region, "certificates.annual_review_passed", period, today) + count(region, "certificates.annual_review_failed", period, today));
            case "certificates.active" -> new double[]{active(region, period, today)};
            default -> new double[]{count(region, indicator, period, today)};
        };
    }

    private static double[] rate(long numerator, long denominator) {
        return new double[]{denominator == 0 ? Double.NaN : (double) numerator / denominator, numerator, denominator};
    }
}
