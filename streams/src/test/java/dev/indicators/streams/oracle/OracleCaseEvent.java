package dev.indicators.streams.oracle;

import dev.indicators.contract.avro.CertificateEvent;
import dev.indicators.contract.avro.MediationEvent;
import dev.indicators.contract.avro.ReconsiderationEvent;
import dev.indicators.contract.validation.EventJson;
import org.apache.avro.specific.SpecificRecord;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;

/**
 * One distinct event of a case as kept in the case state: the event, its canonical content (plain Avro binary) and its
 * arrival number within the case (1 for the first event that arrived, then 2, ...). Events of a case share a
 * partition, so arrival order is the order of the input log.
 */
public record OracleCaseEvent(long arrival, byte[] content, SpecificRecord event) {

    /** The order in which events of a slot win: later occurredAt wins; on equal occurredAt, later arrival wins. */
    public static final Comparator<OracleCaseEvent> PRECEDENCE =
            Comparator.comparing(OracleCaseEvent::occurredAt).thenComparingLong(OracleCaseEvent::arrival);

    public String eventId() {
        if (event instanceof ReconsiderationEvent e) return e.getEventId();
        if (event instanceof MediationEvent e) return e.getEventId();
        if (event instanceof CertificateEvent e) return e.getEventId();
        throw new IllegalStateException("not an indicator event: " + event);
    }

    public String regionCode() {
        if (event instanceof ReconsiderationEvent e) return e.getRegionCode();
        if (event instanceof MediationEvent e) return e.getRegionCode();
        if (event instanceof CertificateEvent e) return e.getRegionCode();
        throw new IllegalStateException("not an indicator event: " + event);
    }

    public Instant occurredAt() {
        if (event instanceof ReconsiderationEvent e) return e.getOccurredAt();
        if (event instanceof MediationEvent e) return e.getOccurredAt();
        if (event instanceof CertificateEvent e) return e.getOccurredAt();
        throw new IllegalStateException("not an indicator event: " + event);
    }

    /** The Asia/Shanghai calendar day of {@link #occurredAt()}: the day a count set by this event is dated. */
    public LocalDate day() {
        return LocalDate.ofInstant(occurredAt(), EventJson.CHINA);
    }

    public <T extends SpecificRecord> T as(Class<T> type) {
        return type.cast(event);
    }

    public boolean sameContent(byte[] other) {
        return Arrays.equals(content, other);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OracleCaseEvent c && c.arrival == arrival && Arrays.equals(c.content, content);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(arrival) * 31 + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "OracleCaseEvent[" + arrival + ": " + event + "]";
    }
}
