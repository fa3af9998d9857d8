package dev.indicators.contract.validation;

import dev.indicators.contract.EventDescriptor;
import dev.indicators.contract.EventType;
import dev.indicators.contract.region.RegionTable;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The semantic rules of the event contract, checked on typed (Avro) events. Every publishing path checks them
 * before sending, and the streams app checks them again on what it reads, since a topic can be written by anyone.
 */
public final class EventRules {

    private final RegionTable regions;
    private final EventLimits limits;
    private final Clock clock;

    public EventRules(RegionTable regions, EventLimits limits, Clock clock) {
        this.regions = regions;
        this.limits = limits;
        this.clock = clock;
    }

    public EventRules(RegionTable regions) {
        this(regions, EventLimits.defaults(), Clock.systemUTC());
    }

    public RegionTable regions() {
        return regions;
    }

    public EventLimits limits() {
        return limits;
    }

    /** All rule violations of the event; empty when it is valid. */
    public List<FieldError> check(SpecificRecord event) {
        List<FieldError> errors = new ArrayList<>();
        Optional<EventType> type = EventType.of(event);
        if (type.isEmpty()) {
            errors.add(new FieldError("type", event == null ? null : event.getClass().getSimpleName(), "not an indicator event"));
            return errors;
        }
        checkTyped(type.get().descriptor(), event, errors);
        return errors;
    }

    /** The shared fields, the case key as an id, then the type's own rules. */
    private <E extends SpecificRecord> void checkTyped(EventDescriptor<E> descriptor, SpecificRecord record, List<FieldError> errors) {
        E event = descriptor.cast(record);
        Schema schema = descriptor.schema();
        common(errors, (String) event.get(schema.getField("eventId").pos()), (String) event.get(schema.getField("regionCode").pos()),
                (String) event.get(schema.getField("department").pos()), (Instant) event.get(schema.getField("occurredAt").pos()));
        id(errors, descriptor.caseKeyField(), descriptor.caseKey(event));
        descriptor.check(event, limits, errors::add);
    }

    /** Throws {@link InvalidEventException} listing every violation. */
    public void require(SpecificRecord event) {
        List<FieldError> errors = check(event);
        if (!errors.isEmpty()) throw new InvalidEventException(errors);
    }

    /** The rules on the fields every event type shares, for events whose other fields could not be read. */
    public List<FieldError> checkCommon(String eventId, String regionCode, String department, Instant occurredAt) {
        List<FieldError> errors = new ArrayList<>();
        common(errors, eventId, regionCode, department, occurredAt);
        return errors;
    }

    private void common(List<FieldError> errors, String eventId, String regionCode, String department, Instant occurredAt) {
        id(errors, "eventId", eventId);
        if (regionCode == null || regionCode.isEmpty()) {
            errors.add(new FieldError("regionCode", null, "is required"));
        } else if (!regions.contains(regionCode)) {
            errors.add(new FieldError("regionCode", regionCode, "unknown GB/T 2260 region code (not in the region table of " + regions.size() + " regions)"));
        }
        id(errors, "department", department);
        if (occurredAt == null) {
            errors.add(new FieldError("occurredAt", null, "is required"));
        } else {
            Instant latest = clock.instant().plus(limits.maxClockSkew());
            if (occurredAt.isAfter(latest)) {
                errors.add(new FieldError("occurredAt", occurredAt.toString(), "lies in the future (more than " + limits.maxClockSkew() + " ahead of now)"));
            } else if (occurredAt.isBefore(limits.earliest())) {
                errors.add(new FieldError("occurredAt", occurredAt.toString(), "is before 2000-01-01, the earliest date accepted"));
            }
        }
    }

    private void id(List<FieldError> errors, String field, String value) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, value, "is required"));
        } else {
            text(errors, field, value, limits.maxIdLength());
        }
    }

    private static void text(List<FieldError> errors, String field, String value, int max) {
        if (value.length() > max) {
            errors.add(new FieldError(field, value, "is " + value.length() + " characters long, at most " + max + " allowed"));
        }
    }
}
