package dev.indicators.contract.reconsideration;

import dev.indicators.contract.avro.ReconsiderationEvent;
import dev.indicators.contract.avro.ReconsiderationOutcome;
import dev.indicators.contract.avro.ReconsiderationStage;
import dev.indicators.contract.cases.CaseCounting;
import dev.indicators.contract.cases.CaseCounts;
import dev.indicators.contract.cases.CaseFact;
import dev.indicators.contract.cases.CaseState;
import dev.indicators.contract.cases.EventFingerprint;
import dev.indicators.contract.indicator.IndicatorName;
import org.apache.avro.specific.SpecificRecord;

import java.util.Optional;

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
 * latest event. A fact's kind is the stage ordinal, its detail the outcome ordinal.
 */
public final class ReconsiderationCounting implements CaseCounting {

    private static final ReconsiderationStage[] STAGES = ReconsiderationStage.values();
    private static final ReconsiderationOutcome[] OUTCOMES = ReconsiderationOutcome.values();

    @Override
    public CaseFact factOf(SpecificRecord event, EventFingerprint fingerprint) {
        ReconsiderationEvent e = (ReconsiderationEvent) event;
        return new CaseFact(0, e.getEventId(), fingerprint, e.getOccurredAt().toEpochMilli(), e.getRegionCode(),
                e.getStage().ordinal(), e.getOutcome() == null ? CaseFact.NONE : e.getOutcome().ordinal());
    }

    @Override
    public CaseCounts count(CaseState state) {
        CaseCounts counts = new CaseCounts();
        if (state.isEmpty()) return counts;
        String region = state.latest().orElseThrow().regionCode();
        counts.add(region, ReconsiderationIndicators.APPLIED, state.firstDay().orElseThrow());

        Optional<CaseFact> disposition = state.latest(f -> isDisposition(stage(f)));
        Optional<CaseFact> conclusion = state.latest(f -> stage(f) == ReconsiderationStage.CONCLUDED);
        if (disposition.isPresent()) {
            counts.add(region, dispositionIndicator(stage(disposition.get())), disposition.get().day());
        } else if (conclusion.isPresent()) {
            counts.add(region, ReconsiderationIndicators.ACCEPTED, conclusion.get().day());
        }
        conclusion.ifPresent(c -> {
            counts.add(region, ReconsiderationIndicators.CONCLUDED, c.day());
            if (c.detail() != CaseFact.NONE) counts.add(region, outcomeIndicator(OUTCOMES[c.detail()]), c.day());
        });
        state.latest(f -> stage(f) == ReconsiderationStage.WITHDRAWN)
                .ifPresent(w -> counts.add(region, ReconsiderationIndicators.WITHDRAWN, w.day()));
        return counts;
    }

    private static boolean isDisposition(ReconsiderationStage stage) {
        return stage == ReconsiderationStage.ACCEPTED || stage == ReconsiderationStage.REJECTED || stage == ReconsiderationStage.CORRECTION_REQUESTED;
    }

    private static ReconsiderationStage stage(CaseFact f) {
        return STAGES[f.kind()];
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
