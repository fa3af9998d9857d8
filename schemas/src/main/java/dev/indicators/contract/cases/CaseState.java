package dev.indicators.contract.cases;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Everything the pipeline keeps of one case: its distinct events (one per eventId, in arrival order) as
 * {@link CaseFact}s. It is both the case's de-duplication ledger (every eventId it ever had, with a fingerprint of
 * its content, for all time) and the input of the counting rules: a case's counts are a pure function of its state
 * ({@link CaseCounting}), so order, repetition or amendment of its events cannot change them except as the rules say.
 */
public record CaseState(List<CaseFact> facts) {

    public static final CaseState EMPTY = new CaseState(List.of());

    public CaseState {
        facts = Collections.unmodifiableList(facts);
    }

    public boolean isEmpty() {
        return facts.isEmpty();
    }

    public Optional<CaseFact> find(String eventId) {
        for (CaseFact f : facts) if (f.eventId().equals(eventId)) return Optional.of(f);
        return Optional.empty();
    }

    /** The state with {@code fact} appended as the latest arrival (its arrival number is set here). */
    public CaseState with(CaseFact fact) {
        List<CaseFact> more = new ArrayList<>(facts.size() + 1);
        more.addAll(facts);
        more.add(fact.withArrival(facts.size() + 1));
        return new CaseState(more);
    }

    /** The winning event among those matching {@code filter}: later occurredAt, then later arrival. */
    public Optional<CaseFact> latest(Predicate<CaseFact> filter) {
        CaseFact best = null;
        for (CaseFact f : facts) {
            if (filter.test(f) && (best == null || CaseFact.PRECEDENCE.compare(f, best) > 0)) best = f;
        }
        return Optional.ofNullable(best);
    }

    /** The case's latest event of any kind; its region is the case's region. */
    public Optional<CaseFact> latest() {
        return latest(f -> true);
    }

    /** The day of the case's earliest event: the day the case was opened (applied / received). */
    public Optional<LocalDate> firstDay() {
        CaseFact first = null;
        for (CaseFact f : facts) if (first == null || CaseFact.PRECEDENCE.compare(f, first) < 0) first = f;
        return Optional.ofNullable(first).map(CaseFact::day);
    }

    /** The events from first to last in precedence order. */
    public List<CaseFact> timeline() {
        List<CaseFact> sorted = new ArrayList<>(facts);
        sorted.sort(CaseFact.PRECEDENCE);
        return sorted;
    }
}
