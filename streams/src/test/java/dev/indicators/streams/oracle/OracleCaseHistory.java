package dev.indicators.streams.oracle;

import org.apache.avro.specific.SpecificRecord;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The distinct events of one case (one per eventId), in arrival order. A case's counts are a pure function of its
 * history ({@link OracleCaseCounting}), so the order, repetition or amendment of its events cannot change them except as
 * the counting rules say.
 */
public record OracleCaseHistory(List<OracleCaseEvent> events) {

    public static final OracleCaseHistory EMPTY = new OracleCaseHistory(List.of());

    public OracleCaseHistory {
        events = List.copyOf(events);
    }

    public boolean isEmpty() {
        return events.isEmpty();
    }

    public Optional<OracleCaseEvent> find(String eventId) {
        return events.stream().filter(e -> e.eventId().equals(eventId)).findFirst();
    }

    /** The history with {@code event} appended as the latest arrival. */
    public OracleCaseHistory with(SpecificRecord event, byte[] content) {
        long next = events.isEmpty() ? 1 : events.get(events.size() - 1).arrival() + 1;
        List<OracleCaseEvent> more = new ArrayList<>(events);
        more.add(new OracleCaseEvent(next, content, event));
        return new OracleCaseHistory(Collections.unmodifiableList(more));
    }

    /** The winning event among those matching {@code filter}: later occurredAt, then later arrival. */
    public Optional<OracleCaseEvent> latest(Predicate<OracleCaseEvent> filter) {
        return events.stream().filter(filter).max(OracleCaseEvent.PRECEDENCE);
    }

    /** The case's latest event of any kind; its region is the case's region. */
    public Optional<OracleCaseEvent> latest() {
        return latest(e -> true);
    }

    /** The day of the case's earliest event: the day the case was opened (applied / received). */
    public Optional<LocalDate> firstDay() {
        return events.stream().min(OracleCaseEvent.PRECEDENCE).map(OracleCaseEvent::day);
    }

    /** The events from first to last in precedence order. */
    public List<OracleCaseEvent> timeline() {
        return events.stream().sorted(OracleCaseEvent.PRECEDENCE).toList();
    }
}
