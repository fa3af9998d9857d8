package dev.indicators.contract.validation;

import dev.indicators.contract.EventType;
import org.apache.avro.specific.SpecificRecord;

import java.util.List;
import java.util.Optional;

/** The result of reading one JSON event: the typed event, or every field error found in it. */
public record ParsedEvent(Optional<EventType> type, String eventId, SpecificRecord event, List<FieldError> errors) {

    public boolean valid() {
        return errors.isEmpty();
    }

    public static ParsedEvent accepted(EventType type, String eventId, SpecificRecord event) {
        return new ParsedEvent(Optional.of(type), eventId, event, List.of());
    }

    public static ParsedEvent rejected(Optional<EventType> type, String eventId, List<FieldError> errors) {
        return new ParsedEvent(type, eventId, null, List.copyOf(errors));
    }
}
