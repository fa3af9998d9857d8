package dev.indicators.bench;

import dev.indicators.contract.avro.CertificateAction;
import dev.indicators.contract.avro.MediationStatus;
import dev.indicators.contract.avro.ReconsiderationOutcome;
import dev.indicators.contract.avro.ReconsiderationStage;
import dev.indicators.contract.region.Region;
import dev.indicators.contract.region.RegionCode;
import dev.indicators.contract.region.RegionTable;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A batch recount of the published events, written from the counting rules of docs/design.md and independent of the
 * streams code: group the events by case, order each case's events by {@code occurredAt} (then arrival), decide what
 * the case counts and on which day, in the region of its latest event; then sum those counts per sampled region
 * (with every region below it) and day. Any (sampled region, indicator, period) can then be answered.
 */
final class Recount {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    static final String ACTIVE = "certificates.active";
    static final List<String> COUNTS;
    /** rate → [numerator counts, denominator counts] */
    static final Map<String, List<List<String>>> RATES = new LinkedHashMap<>();

    static {
        List<String> counts = new ArrayList<>(List.of("reconsideration.applied", "reconsideration.accepted",
                "reconsideration.rejected", "reconsideration.correction_requested", "reconsideration.concluded"));
        for (ReconsiderationOutcome o : ReconsiderationOutcome.values()) counts.add(outcome(o.ordinal()));
        counts.addAll(List.of("reconsideration.withdrawn",
                "mediation.received", "mediation.succeeded", "mediation.failed", "mediation.agreements", "mediation.withdrawn",
                "certificates.issued", "certificates.suspended", "certificates.reinstated", "certificates.revoked",
                "certificates.annual_review_passed", "certificates.annual_review_failed"));
        COUNTS = Collections.unmodifiableList(counts);
        RATES.put("reconsideration.correction_rate", List.of(
                List.of("reconsideration.outcome.revoked", "reconsideration.outcome.confirmed_illegal",
                        "reconsideration.outcome.modified", "reconsideration.outcome.ordered_to_perform"),
                List.of("reconsideration.concluded")));
        RATES.put("mediation.success_rate", List.of(List.of("mediation.succeeded"), List.of("mediation.succeeded", "mediation.failed")));
        RATES.put("certificates.review_failure_rate", List.of(List.of("certificates.annual_review_failed"),
                List.of("certificates.annual_review_passed", "certificates.annual_review_failed")));
    }

    /**
     * The event types this recount does not count yet (administrative litigation): the simulator publishes their
     * events, the tape skips them, and their totals are left unchecked rather than called wrong. Any other indicator
     * the recount does not know is still a mismatch.
     */
    static final List<String> NOT_RECOUNTED = List.of("litigation.");

    static boolean notRecounted(String indicator) {
        return NOT_RECOUNTED.stream().anyMatch(indicator::startsWith);
    }

    /** Every indicator the recount can answer: counts, the stock, rates. */
    static List<String> indicators() {
        List<String> all = new ArrayList<>(COUNTS);
        all.add(ACTIVE);
        all.addAll(RATES.keySet());
        return all;
    }

    /** What the pipeline should answer: a count or stock ({@code numerator}/{@code denominator} null) or a rate. */
    record Expected(double value, Long numerator, Long denominator) {
        static Expected count(long n) {
            return new Expected(n, null, null);
        }

        static Expected rate(long numerator, long denominator) {
            return new Expected(denominator == 0 ? Double.NaN : (double) numerator / denominator, numerator, denominator);
        }
    }

    private final RegionTable table;
    private final List<String> sampled;
    private final Map<String, Integer> slotOf = new HashMap<>();
    private final Map<String, Integer> indicatorOf = new HashMap<>();
    private final long firstDay;
    private final int days;
    /** slot → indicator (COUNTS then ACTIVE) → day → cumulative sum of the counts up to that day, included */
    private final long[][][] cumulative;
    private int[][] slotsByTapeRegion;
    private long cases;

    /**
     * @param sampledRegions the regions totals will be asked for
     * @param firstDay       the earliest day an event may be dated
     * @param lastDay        the latest day a question may end on (today, or later)
     */
    Recount(RegionTable table, List<String> sampledRegions, LocalDate firstDay, LocalDate lastDay) {
        this.table = table;
        this.sampled = List.copyOf(sampledRegions);
        for (int i = 0; i < sampled.size(); i++) slotOf.put(sampled.get(i), i);
        for (int i = 0; i < COUNTS.size(); i++) indicatorOf.put(COUNTS.get(i), i);
        indicatorOf.put(ACTIVE, COUNTS.size());
        this.firstDay = firstDay.toEpochDay();
        this.days = (int) (lastDay.toEpochDay() - this.firstDay + 1);
        if (days < 1) throw new IllegalArgumentException("lastDay " + lastDay + " before firstDay " + firstDay);
        this.cumulative = new long[sampled.size()][COUNTS.size() + 1][days];
    }

    List<String> sampledRegions() {
        return sampled;
    }

    long cases() {
        return cases;
    }

    /** Counts every case of the tape (once: call it once per tape). */
    Recount add(EventTape tape) {
        slotsByTapeRegion = new int[tape.regionCount()][];
        int[][] grouped = tape.byCase();
        int[] start = grouped[0];
        int[] order = grouped[1];
        int[] events = new int[16];
        for (int c = 0; c + 1 < start.length; c++) {
            int n = start[c + 1] - start[c];
            if (n == 0) continue;
            if (events.length < n) events = new int[Math.max(n, events.length * 2)];
            System.arraycopy(order, start[c], events, 0, n);
            sortByOccurredAt(tape, events, n);
            cases++;
            switch (tape.kind(events[0])) {
                case EventTape.RECONSIDERATION -> reconsideration(tape, events, n);
                case EventTape.MEDIATION -> mediation(tape, events, n);
                default -> certificate(tape, events, n);
            }
        }
        for (long[][] bySlot : cumulative) {
            for (long[] byDay : bySlot) {
                for (int d = 1; d < byDay.length; d++) byDay[d] += byDay[d - 1];
            }
        }
        return this;
    }

    /** Insertion sort, stable: earlier occurredAt first, arrival order on a tie (so the last of a slot wins). */
    private static void sortByOccurredAt(EventTape tape, int[] events, int n) {
        for (int i = 1; i < n; i++) {
            int e = events[i];
            long at = tape.occurredAtMillis(e);
            int j = i - 1;
            while (j >= 0 && tape.occurredAtMillis(events[j]) > at) {
                events[j + 1] = events[j];
                j--;
            }
            events[j + 1] = e;
        }
    }

    /** The last event (in occurredAt order) whose state is one of {@code states}, or -1. */
    private static int last(EventTape tape, int[] events, int n, int... states) {
        for (int i = n - 1; i >= 0; i--) {
            int s = tape.state(events[i]);
            for (int w : states) if (s == w) return events[i];
        }
        return -1;
    }

    private void reconsideration(EventTape tape, int[] events, int n) {
        int region = tape.regionIndex(events[n - 1]);
        tally(region, "reconsideration.applied", tape, events[0], 1);
        int disposition = last(tape, events, n, ReconsiderationStage.ACCEPTED.ordinal(), ReconsiderationStage.REJECTED.ordinal(),
                ReconsiderationStage.CORRECTION_REQUESTED.ordinal());
        int concluded = last(tape, events, n, ReconsiderationStage.CONCLUDED.ordinal());
        if (disposition >= 0) {
            String name = ReconsiderationStage.values()[tape.state(disposition)].name().toLowerCase(Locale.ROOT);
            tally(region, "reconsideration." + name, tape, disposition, 1);
        } else if (concluded >= 0) {
            tally(region, "reconsideration.accepted", tape, concluded, 1);
        }
        if (concluded >= 0) {
            tally(region, "reconsideration.concluded", tape, concluded, 1);
            if (tape.extra(concluded) >= 0) tally(region, outcome(tape.extra(concluded)), tape, concluded, 1);
        }
        int withdrawn = last(tape, events, n, ReconsiderationStage.WITHDRAWN.ordinal());
        if (withdrawn >= 0) tally(region, "reconsideration.withdrawn", tape, withdrawn, 1);
    }

    private void mediation(EventTape tape, int[] events, int n) {
        int region = tape.regionIndex(events[n - 1]);
        tally(region, "mediation.received", tape, events[0], 1);
        int result = last(tape, events, n, MediationStatus.SUCCEEDED.ordinal(), MediationStatus.FAILED.ordinal());
        if (result >= 0) {
            if (tape.state(result) == MediationStatus.SUCCEEDED.ordinal()) {
                tally(region, "mediation.succeeded", tape, result, 1);
                if (tape.extra(result) == 1) tally(region, "mediation.agreements", tape, result, 1);
            } else {
                tally(region, "mediation.failed", tape, result, 1);
            }
        }
        int withdrawn = last(tape, events, n, MediationStatus.WITHDRAWN.ordinal());
        if (withdrawn >= 0) tally(region, "mediation.withdrawn", tape, withdrawn, 1);
    }

    private void certificate(EventTape tape, int[] events, int n) {
        int region = tape.regionIndex(events[n - 1]);
        for (CertificateAction flow : List.of(CertificateAction.ISSUED, CertificateAction.SUSPENDED, CertificateAction.REINSTATED,
                CertificateAction.REVOKED)) {
            int e = last(tape, events, n, flow.ordinal());
            if (e >= 0) tally(region, "certificates." + flow.name().toLowerCase(Locale.ROOT), tape, e, 1);
        }
        // annual reviews: once a calendar year, the last review of that year
        Map<Integer, Integer> reviewOfYear = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int s = tape.state(events[i]);
            if (s == CertificateAction.ANNUAL_REVIEW_PASSED.ordinal() || s == CertificateAction.ANNUAL_REVIEW_FAILED.ordinal()) {
                reviewOfYear.put(day(tape, events[i]).getYear(), events[i]);
            }
        }
        for (int e : reviewOfYear.values()) {
            tally(region, tape.state(e) == CertificateAction.ANNUAL_REVIEW_PASSED.ordinal()
                    ? "certificates.annual_review_passed" : "certificates.annual_review_failed", tape, e, 1);
        }
        // the stock: +1 on the day it becomes active, -1 on the day it stops being
        boolean active = false;
        for (int i = 0; i < n; i++) {
            int s = tape.state(events[i]);
            boolean now = active;
            if (s == CertificateAction.ISSUED.ordinal() || s == CertificateAction.REINSTATED.ordinal()) now = true;
            if (s == CertificateAction.SUSPENDED.ordinal() || s == CertificateAction.REVOKED.ordinal()) now = false;
            if (now != active) tally(region, ACTIVE, tape, events[i], now ? 1 : -1);
            active = now;
        }
    }

    private static String outcome(int ordinal) {
        return "reconsideration.outcome." + ReconsiderationOutcome.values()[ordinal].name().toLowerCase(Locale.ROOT);
    }

    private static LocalDate day(EventTape tape, int e) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(tape.occurredAtMillis(e)), CHINA);
    }

    private void tally(int tapeRegion, String indicator, EventTape tape, int event, int delta) {
        int[] slots = slotsByTapeRegion[tapeRegion];
        if (slots == null) {
            slots = slotsOf(tape.regionCode(tapeRegion));
            slotsByTapeRegion[tapeRegion] = slots;
        }
        if (slots.length == 0) return;
        int d = (int) (day(tape, event).toEpochDay() - firstDay);
        if (d < 0 || d >= days) throw new IllegalStateException("event dated " + day(tape, event) + " outside the recount's days");
        int ind = indicatorOf.get(indicator);
        for (int slot : slots) cumulative[slot][ind][d] += delta;
    }

    /** The sampled regions among the region and its ancestors. */
    private int[] slotsOf(String code) {
        Region region = table.find(code).orElseThrow(() -> new IllegalStateException("event in region " + code + " not in the table"));
        List<Integer> slots = new ArrayList<>();
        for (Region r = region; r != null; r = table.parentOf(r).orElse(null)) {
            Integer slot = slotOf.get(r.code().value());
            if (slot != null && !slots.contains(slot)) slots.add(slot);
        }
        return slots.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The recount's answer for a sampled region, as read on {@code today} (Asia/Shanghai). */
    Expected expected(String region, String indicator, String period, LocalDate today) {
        Integer slot = slotOf.get(region);
        if (slot == null) throw new IllegalArgumentException("region " + region + " was not sampled");
        long[] bounds = bounds(period, today);
        if (indicator.equals(ACTIVE)) {
            // a stock is read at the end of the period (today for trailing windows and all time)
            return Expected.count(upTo(cumulative[slot][COUNTS.size()], bounds[1]));
        }
        List<List<String>> rate = RATES.get(indicator);
        if (rate != null) {
            return Expected.rate(sum(slot, rate.get(0), bounds), sum(slot, rate.get(1), bounds));
        }
        Integer ind = indicatorOf.get(indicator);
        if (ind == null) throw new IllegalArgumentException("unknown indicator " + indicator);
        return Expected.count(between(cumulative[slot][ind], bounds[0], bounds[1]));
    }

    /** The net change of the stock {@code certificates.active} of a sampled region within a period. */
    long stockChange(String region, String period, LocalDate today) {
        Integer slot = slotOf.get(region);
        if (slot == null) throw new IllegalArgumentException("region " + region + " was not sampled");
        long[] bounds = bounds(period, today);
        return between(cumulative[slot][COUNTS.size()], bounds[0], bounds[1]);
    }

    private long sum(int slot, List<String> counts, long[] bounds) {
        long total = 0;
        for (String c : counts) total += between(cumulative[slot][indicatorOf.get(c)], bounds[0], bounds[1]);
        return total;
    }

    private long between(long[] cum, long fromDay, long toDay) {
        return upTo(cum, toDay) - upTo(cum, fromDay - 1);
    }

    private long upTo(long[] cum, long epochDay) {
        long d = epochDay - firstDay;
        if (d < 0) return 0;
        return cum[(int) Math.min(d, days - 1)];
    }

    /** First and last epoch day of a period text read on {@code today}. */
    static long[] bounds(String period, LocalDate today) {
        if (period.equals("all")) return new long[]{Long.MIN_VALUE / 4, today.toEpochDay()};
        int colon = period.indexOf(':');
        String kind = period.substring(0, colon);
        String v = period.substring(colon + 1);
        LocalDate first;
        LocalDate last;
        switch (kind) {
            case "day" -> first = last = LocalDate.parse(v);
            case "month" -> {
                first = LocalDate.parse(v + "-01");
                last = first.plusMonths(1).minusDays(1);
            }
            case "quarter" -> {
                first = LocalDate.of(Integer.parseInt(v.substring(0, 4)), 3 * Integer.parseInt(v.substring(5)) - 2, 1);
                last = first.plusMonths(3).minusDays(1);
            }
            case "year" -> {
                first = LocalDate.of(Integer.parseInt(v), 1, 1);
                last = LocalDate.of(Integer.parseInt(v), 12, 31);
            }
            case "trailing" -> {
                first = today.minusDays(Integer.parseInt(v.substring(0, v.length() - 1)) - 1L);
                last = today;
            }
            default -> throw new IllegalArgumentException("unknown period " + period);
        }
        return new long[]{first.toEpochDay(), last.toEpochDay()};
    }

    /** For tests and messages. */
    static String nation() {
        return RegionCode.NATION.value();
    }
}
