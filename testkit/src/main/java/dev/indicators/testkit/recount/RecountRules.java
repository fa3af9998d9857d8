package dev.indicators.testkit.recount;

import dev.indicators.contract.EventType;
import dev.indicators.contract.avro.LitigationOutcome;
import dev.indicators.contract.avro.ReconsiderationOutcome;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counting rules of docs/design.md ("Counting rules"), restated plainly for the recount, one entry per event type of
 * {@link EventType}. Written from the design, not from the production counting classes, so that a test comparing the
 * two can fail: both read the same contract (the Avro schemas) and nothing else. A type of {@link EventType} without
 * an entry here stops the recount at once (see the static check below) rather than leaving its totals unchecked.
 *
 * <p>Every rule reads a case's distinct events as a timeline: earlier {@code occurredAt} first, on a tie the earlier
 * arrival first; the last event of a slot wins, and the case counts in the region of its last event.
 */
public final class RecountRules {

    /** Where a case's counts go: +n (or -n for a stock that ends) for an indicator in a region on a day. */
    @FunctionalInterface
    public interface Tally {
        void add(String region, String indicator, LocalDate day, int delta);
    }

    /** A rate: the sum of the numerator counts over the sum of the denominator counts, never stored. */
    public record Rate(List<String> numerator, List<String> denominator) {
    }

    /** What the recount needs of one event type: the fields it reads, its indicators, and the rule itself. */
    record TypeRules(List<String> fields, List<String> counts, List<String> stocks, Map<String, Rate> rates, CaseRule rule) {
    }

    @FunctionalInterface
    interface CaseRule {
        void count(List<CaseStep> timeline, String region, Tally tally);
    }

    /** The most fields a type's rules read (litigation: stage, court level, head's appearance, outcome). */
    static final int MAX_FIELDS = 4;

    private static final Map<EventType, TypeRules> RULES = new EnumMap<>(EventType.class);

    static {
        RULES.put(EventType.RECONSIDERATION, reconsideration());
        RULES.put(EventType.MEDIATION, mediation());
        RULES.put(EventType.CERTIFICATE, certificate());
        RULES.put(EventType.LITIGATION, litigation());
        for (EventType type : EventType.values()) {
            if (!RULES.containsKey(type)) {
                throw new IllegalStateException("the recount has no counting rules for event type '" + type.jsonName()
                        + "': state them in testkit's RecountRules (docs/development.md, \"Add an event type\")");
            }
            if (RULES.get(type).fields().size() > MAX_FIELDS) throw new IllegalStateException("more than " + MAX_FIELDS + " fields for " + type);
        }
    }

    private RecountRules() {
    }

    static TypeRules of(EventType type) {
        return RULES.get(type);
    }

    /** Counts one case: {@code timeline} holds its distinct events from first to last (see the class comment). */
    public static void count(EventType type, List<CaseStep> timeline, Tally tally) {
        if (timeline.isEmpty()) return;
        RULES.get(type).rule().count(timeline, timeline.get(timeline.size() - 1).region(), tally);
    }

    /** Every count the recount knows, in {@link EventType} order. */
    public static List<String> counts() {
        List<String> all = new ArrayList<>();
        for (EventType t : EventType.values()) all.addAll(RULES.get(t).counts());
        return Collections.unmodifiableList(all);
    }

    /** Every stock (read at the end of a period, not summed over it). */
    public static List<String> stocks() {
        List<String> all = new ArrayList<>();
        for (EventType t : EventType.values()) all.addAll(RULES.get(t).stocks());
        return Collections.unmodifiableList(all);
    }

    /** Every rate with its numerator and denominator counts. */
    public static Map<String, Rate> rates() {
        Map<String, Rate> all = new LinkedHashMap<>();
        for (EventType t : EventType.values()) all.putAll(RULES.get(t).rates());
        return Collections.unmodifiableMap(all);
    }

    /** Every indicator the recount answers: counts, stocks, rates. */
    public static List<String> indicators() {
        List<String> all = new ArrayList<>(counts());
        all.addAll(stocks());
        all.addAll(rates().keySet());
        return Collections.unmodifiableList(all);
    }

    // --- the rules, one type each ---------------------------------------------------------------------------------

    /** The last event of the timeline whose {@code field} is one of {@code symbols}, or null. */
    private static CaseStep last(List<CaseStep> timeline, String field, String... symbols) {
        for (int i = timeline.size() - 1; i >= 0; i--) {
            String value = timeline.get(i).symbol(field);
            for (String wanted : symbols) if (wanted.equals(value)) return timeline.get(i);
        }
        return null;
    }

    private static String lower(String symbol) {
        return symbol.toLowerCase(Locale.ROOT);
    }

    private static List<String> names(String prefix, Enum<?>[] values) {
        return Arrays.stream(values).map(v -> prefix + lower(v.name())).toList();
    }

    /**
     * Reconsideration: {@code applied} once, on the first day; one disposition (the last ACCEPTED, REJECTED or
     * CORRECTION_REQUESTED; a case concluded without one counts as accepted, on the day it concluded); {@code concluded}
     * and its {@code outcome.<name>} by the last CONCLUDED; {@code withdrawn} by the last WITHDRAWN.
     */
    private static TypeRules reconsideration() {
        String p = "reconsideration.";
        List<String> counts = new ArrayList<>(List.of(p + "applied", p + "accepted", p + "rejected", p + "correction_requested", p + "concluded"));
        counts.addAll(names(p + "outcome.", ReconsiderationOutcome.values()));
        counts.add(p + "withdrawn");
        Map<String, Rate> rates = Map.of(p + "correction_rate", new Rate(
                List.of(p + "outcome.revoked", p + "outcome.confirmed_illegal", p + "outcome.modified", p + "outcome.ordered_to_perform"),
                List.of(p + "concluded")));
        return new TypeRules(List.of("stage", "outcome"), counts, List.of(), rates, (timeline, region, tally) -> {
            tally.add(region, p + "applied", timeline.get(0).day(), 1);
            CaseStep disposition = last(timeline, "stage", "ACCEPTED", "REJECTED", "CORRECTION_REQUESTED");
            CaseStep concluded = last(timeline, "stage", "CONCLUDED");
            if (disposition != null) tally.add(region, p + lower(disposition.symbol("stage")), disposition.day(), 1);
            else if (concluded != null) tally.add(region, p + "accepted", concluded.day(), 1);
            if (concluded != null) {
                tally.add(region, p + "concluded", concluded.day(), 1);
                if (concluded.symbol("outcome") != null) tally.add(region, p + "outcome." + lower(concluded.symbol("outcome")), concluded.day(), 1);
            }
            CaseStep withdrawn = last(timeline, "stage", "WITHDRAWN");
            if (withdrawn != null) tally.add(region, p + "withdrawn", withdrawn.day(), 1);
        });
    }

    /**
     * Mediation: {@code received} once, on the first day; one result (the last SUCCEEDED or FAILED), with
     * {@code agreements} when that success signed one; {@code withdrawn} by the last WITHDRAWN.
     */
    private static TypeRules mediation() {
        String p = "mediation.";
        List<String> counts = List.of(p + "received", p + "succeeded", p + "failed", p + "agreements", p + "withdrawn");
        Map<String, Rate> rates = Map.of(p + "success_rate", new Rate(List.of(p + "succeeded"), List.of(p + "succeeded", p + "failed")));
        return new TypeRules(List.of("status", "agreementSigned"), counts, List.of(), rates, (timeline, region, tally) -> {
            tally.add(region, p + "received", timeline.get(0).day(), 1);
            CaseStep result = last(timeline, "status", "SUCCEEDED", "FAILED");
            if (result != null) {
                boolean succeeded = result.symbol("status").equals("SUCCEEDED");
                tally.add(region, p + (succeeded ? "succeeded" : "failed"), result.day(), 1);
                if (succeeded && result.flag("agreementSigned")) tally.add(region, p + "agreements", result.day(), 1);
            }
            CaseStep withdrawn = last(timeline, "status", "WITHDRAWN");
            if (withdrawn != null) tally.add(region, p + "withdrawn", withdrawn.day(), 1);
        });
    }

    /**
     * Certificates: the flows {@code issued}, {@code suspended}, {@code reinstated}, {@code revoked} once each, by the
     * last event of the action; one annual review per calendar year (the year's last); the stock {@code active}: +1 on
     * the day the certificate becomes active (ISSUED, REINSTATED), -1 on the day it stops (SUSPENDED, REVOKED).
     */
    private static TypeRules certificate() {
        String p = "certificates.";
        List<String> flows = List.of("ISSUED", "SUSPENDED", "REINSTATED", "REVOKED");
        List<String> counts = List.of(p + "issued", p + "suspended", p + "reinstated", p + "revoked",
                p + "annual_review_passed", p + "annual_review_failed");
        Map<String, Rate> rates = Map.of(p + "review_failure_rate",
                new Rate(List.of(p + "annual_review_failed"), List.of(p + "annual_review_passed", p + "annual_review_failed")));
        return new TypeRules(List.of("action"), counts, List.of(p + "active"), rates, (timeline, region, tally) -> {
            for (String flow : flows) {
                CaseStep e = last(timeline, "action", flow);
                if (e != null) tally.add(region, p + lower(flow), e.day(), 1);
            }
            Map<Integer, CaseStep> reviewOfYear = new TreeMap<>();
            for (CaseStep s : timeline) {
                if (s.symbol("action").startsWith("ANNUAL_REVIEW_")) reviewOfYear.put(s.day().getYear(), s);
            }
            reviewOfYear.values().forEach(r -> tally.add(region, p + lower(r.symbol("action")), r.day(), 1));
            boolean active = false;
            for (CaseStep s : timeline) {
                boolean now = switch (s.symbol("action")) {
                    case "ISSUED", "REINSTATED" -> true;
                    case "SUSPENDED", "REVOKED" -> false;
                    default -> active;
                };
                if (now != active) tally.add(region, p + "active", s.day(), now ? 1 : -1);
                active = now;
            }
        });
    }

    /**
     * Litigation: {@code responded} once, on the first day, and {@code responded.<court>}; {@code heard} by the last
     * HEARD; {@code head_appeared} by the last HEARD the head attended; {@code concluded}, {@code concluded.<court>} and
     * {@code outcome.<name>} by the last CONCLUDED. The suit's court is that of its last event naming one (BASIC:
     * basic_court, INTERMEDIATE: intermediate_court, HIGH and SUPREME: higher_court); with none, totals only.
     */
    private static TypeRules litigation() {
        String p = "litigation.";
        List<String> courts = List.of("basic_court", "intermediate_court", "higher_court");
        List<String> counts = new ArrayList<>(List.of(p + "responded"));
        courts.forEach(c -> counts.add(p + "responded." + c));
        counts.addAll(List.of(p + "heard", p + "head_appeared", p + "concluded"));
        courts.forEach(c -> counts.add(p + "concluded." + c));
        counts.addAll(names(p + "outcome.", LitigationOutcome.values()));
        Map<String, Rate> rates = new LinkedHashMap<>();
        rates.put(p + "head_appearance_rate", new Rate(List.of(p + "head_appeared"), List.of(p + "heard")));
        rates.put(p + "loss_rate", new Rate(List.of(p + "outcome.lost"), List.of(p + "concluded")));
        return new TypeRules(List.of("stage", "courtLevel", "headAppeared", "outcome"), counts, List.of(), rates, (timeline, region, tally) -> {
            String court = null;
            CaseStep heard = null;
            CaseStep appeared = null;
            for (CaseStep s : timeline) {
                String level = s.symbol("courtLevel");
                if (level != null) court = switch (level) {
                    case "BASIC" -> "basic_court";
                    case "INTERMEDIATE" -> "intermediate_court";
                    default -> "higher_court";
                };
                if ("HEARD".equals(s.symbol("stage"))) {
                    heard = s;
                    if (s.flag("headAppeared")) appeared = s;
                }
            }
            LocalDate first = timeline.get(0).day();
            tally.add(region, p + "responded", first, 1);
            if (court != null) tally.add(region, p + "responded." + court, first, 1);
            if (heard != null) tally.add(region, p + "heard", heard.day(), 1);
            if (appeared != null) tally.add(region, p + "head_appeared", appeared.day(), 1);
            CaseStep concluded = last(timeline, "stage", "CONCLUDED");
            if (concluded != null) {
                tally.add(region, p + "concluded", concluded.day(), 1);
                if (court != null) tally.add(region, p + "concluded." + court, concluded.day(), 1);
                if (concluded.symbol("outcome") != null) tally.add(region, p + "outcome." + lower(concluded.symbol("outcome")), concluded.day(), 1);
            }
        });
    }
}
