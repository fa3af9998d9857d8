package dev.indicators.contract;

import dev.indicators.contract.certificate.CertificateDescriptor;
import dev.indicators.contract.litigation.LitigationDescriptor;
import dev.indicators.contract.mediation.MediationDescriptor;
import dev.indicators.contract.reconsideration.ReconsiderationDescriptor;
import org.apache.avro.specific.SpecificRecord;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one list of event types: each names its {@link EventDescriptor}, which holds everything type-specific. A new
 * type is a new descriptor added at the end of this list (appending keeps the indicators' stored ordinals).
 */
public enum EventType {
    RECONSIDERATION(ReconsiderationDescriptor.DESCRIPTOR),
    MEDIATION(MediationDescriptor.DESCRIPTOR),
    CERTIFICATE(CertificateDescriptor.DESCRIPTOR),
    LITIGATION(LitigationDescriptor.DESCRIPTOR);

    private final EventDescriptor<?> descriptor;

    EventType(EventDescriptor<?> descriptor) {
        this.descriptor = descriptor;
    }

    public EventDescriptor<?> descriptor() {
        return descriptor;
    }

    public String jsonName() {
        return descriptor.jsonName();
    }

    /** The field whose value keys the Kafka record, so every event of one case lands on one partition. */
    public String caseKeyField() {
        return descriptor.caseKeyField();
    }

    public static Optional<EventType> fromJsonName(String name) {
        if (name == null) return Optional.empty();
        String n = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.jsonName().equals(n)).findFirst();
    }

    /** The type of a typed event, by its Avro class. */
    public static Optional<EventType> of(SpecificRecord event) {
        if (event == null) return Optional.empty();
        for (EventType t : values()) if (t.descriptor.recordClass() == event.getClass()) return Optional.of(t);
        return Optional.empty();
    }

    /** The type of a typed event; throws for a record that is no indicator event. */
    public static EventType require(SpecificRecord event) {
        return of(event).orElseThrow(() -> new IllegalArgumentException("not an indicator event: " + event));
    }

    /** The value that keys the event's Kafka record: its caseId or certificateNo. */
    public static String caseKeyOf(SpecificRecord event) {
        EventDescriptor<?> d = require(event).descriptor;
        return caseKey(d, event);
    }

    private static <E extends SpecificRecord> String caseKey(EventDescriptor<E> d, SpecificRecord event) {
        return d.caseKey(d.cast(event));
    }

    /** "reconsideration, mediation, certificate": for messages that list the types. */
    public static String jsonNames() {
        return Arrays.stream(values()).map(EventType::jsonName).collect(Collectors.joining(", "));
    }
}
