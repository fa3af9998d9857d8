package dev.indicators.contract.simulation;

import org.apache.avro.specific.SpecificRecord;

import java.time.Instant;

/** One open case of the simulator: its current event, then the plan of the next one. */
public interface SimulatedCase {

    /** The case's current event, with the id and time the simulator gives it. */
    SpecificRecord event(String eventId, Instant at);

    /**
     * Moves to the next event and returns its time (after {@code previous}), or null when the case has no more
     * events. The simulator drops the case when the time falls after the end of the simulated span.
     */
    Instant advance(Instant previous);
}
