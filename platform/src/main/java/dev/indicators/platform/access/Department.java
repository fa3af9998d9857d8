package dev.indicators.platform.access;

import dev.indicators.contract.EventType;

import java.util.Objects;
import java.util.Set;

/**
 * A publishing department of the secure stack. Its Kafka user is named like the department, because the streams app
 * checks the {@code published-by} principal against the event's {@code department} field (see docs/security.md).
 *
 * @param name       the department, as events carry it in {@code department} (also its SCRAM user name)
 * @param eventTypes the event types it reports, hence the input topics it may write
 */
public record Department(String name, Set<EventType> eventTypes) {

    public Department {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("department name '" + name + "': use 1-64 letters, digits, '.', '_' or '-' (it is also a Kafka user name)");
        }
        eventTypes = Set.copyOf(eventTypes);
    }
}
