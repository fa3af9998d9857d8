package dev.indicators.streams.oracle;

import dev.indicators.contract.reconsideration.ReconsiderationIndicators;
import dev.indicators.contract.avro.ReconsiderationEvent;
import dev.indicators.contract.avro.ReconsiderationOutcome;
import dev.indicators.contract.avro.ReconsiderationStage;
import dev.indicators.contract.indicator.IndicatorName;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Counting rules of administrative reconsideration (行政复议), docs/design.md "Counting rules":
 * <ul>
 *   <li>{@code applied}: every case once, dated by its earliest event;</li>
 *   <li>one exclusive disposition, {@code accepted} | {@code rejected} | {@code correction_requested}: the winning
 *       ACCEPTED / REJECTED / CORRECTION_REQUESTED event; a case with none of these but a CONCLUDED event is
 *       {@code accepted}, dated by its winning CONCLUDED event;</li>
 *   <li>{@code concluded} and one exclusive {@code outcome.<name>}: the winning CONCLUDED event (its outcome; none
 *       counted if it carries none);</li>
 *   <li>{@code withdrawn}: once, dated by the winning WITHDRAWN event. A withdrawal takes nothing away from the other
 *       counts.</li>
 * </ul>
 * The winner of a slot has the later occurredAt, then the later arrival. Every count is in the region of the case's
 * latest event.
 */
public final class OracleReconsiderationCounting implements OracleCaseCounting {

    private static final Set<ReconsiderationStage> DISPOSITIONS =
            EnumSet.of(ReconsiderationStage.ACCEPTED, ReconsiderationStage.REJECTED, ReconsiderationStage.CORRECTION_REQUESTED);

    @Override
    public OracleCaseCounts count(OracleCaseHistory history) {
        OracleCaseCounts counts = new OracleCaseCounts();
        if (history.isEmpty()) return counts;
        String region = history.latest().orElseThrow().regionCode();
        counts.add(region, ReconsiderationIndicators.APPLIED, history.firstDay().orElseThrow());

        Optional<OracleCaseEvent> disposition = history.latest(e -> DISPOSITIONS.contains(stage(e)));
        Optional<OracleCaseEvent> conclusion = history.latest(e -> stage(e) == ReconsiderationStage.CONCLUDED);
        if (disposition.isPresent()) {
            counts.add(region, dispositionIndicator(stage(disposition.get())), disposition.get().day());
        } else if (conclusion.isPresent()) {
            counts.add(region, ReconsiderationIndicators.ACCEPTED, conclusion.get().day());
        }
        conclusion.ifPresent(c -> {
            counts.add(region, ReconsiderationIndicators.CONCLUDED, c.day());
            ReconsiderationOutcome outcome = c.as(ReconsiderationEvent.class).getOutcome();
            if (outcome != null) counts.add(region, outcomeIndicator(outcome), c.day());
        });
        history.latest(e -> stage(e) == ReconsiderationStage.WITHDRAWN)
                .ifPresent(w -> counts.add(region, ReconsiderationIndicators.WITHDRAWN, w.day()));
        return counts;
    }

    private static ReconsiderationStage stage(OracleCaseEvent e) {
        return e.as(ReconsiderationEvent.class).getStage();
    }

    private static IndicatorName dispositionIndicator(ReconsiderationStage stage) {
        return switch (stage) {
            case ACCEPTED -> ReconsiderationIndicators.ACCEPTED;
            case REJECTED -> ReconsiderationIndicators.REJECTED;
            case CORRECTION_REQUESTED -> ReconsiderationIndicators.CORRECTION_REQUESTED;
            default -> throw new IllegalArgumentException("not a disposition: " + stage);
        };
    }

    public static IndicatorName outcomeIndicator(ReconsiderationOutcome outcome) {
        return switch (outcome) {
            case UPHELD -> ReconsiderationIndicators.OUTCOME_UPHELD;
            case DISMISSED -> ReconsiderationIndicators.OUTCOME_DISMISSED;
            case TERMINATED -> ReconsiderationIndicators.OUTCOME_TERMINATED;
            case REVOKED -> ReconsiderationIndicators.OUTCOME_REVOKED;
            case CONFIRMED_ILLEGAL -> ReconsiderationIndicators.OUTCOME_CONFIRMED_ILLEGAL;
            case MODIFIED -> ReconsiderationIndicators.OUTCOME_MODIFIED;
            case ORDERED_TO_PERFORM -> ReconsiderationIndicators.OUTCOME_ORDERED_TO_PERFORM;
            case SETTLED -> ReconsiderationIndicators.OUTCOME_SETTLED;
        };
    }
}
