package dev.indicators.streams.intake;

import dev.indicators.streams.change.CountChanges;
import dev.indicators.streams.deadletter.DeadLetter;

/**
 * What the case stage sends on: a batch of count changes for the totals stage, or a dead letter. Exactly one is set;
 * the topology splits the stream on {@link #isDeadLetter()}.
 */
public record CaseOutput(CountChanges changes, DeadLetter deadLetter) {

    public static CaseOutput of(CountChanges changes) {
        return new CaseOutput(changes, null);
    }

    public static CaseOutput of(DeadLetter deadLetter) {
        return new CaseOutput(null, deadLetter);
    }

    public boolean isDeadLetter() {
        return deadLetter != null;
    }
}
