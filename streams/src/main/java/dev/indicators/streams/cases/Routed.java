package dev.indicators.streams.cases;

/**
 * What case processing emits for an input record: {@link dev.indicators.streams.totals.Contribution}s to count, or a
 * {@link dev.indicators.streams.deadletter.DeadLetter} to publish on the dead-letter topic.
 */
public interface Routed {
}
