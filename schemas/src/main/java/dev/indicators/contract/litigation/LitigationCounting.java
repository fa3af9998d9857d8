package dev.indicators.contract.litigation;

import dev.indicators.contract.avro.CourtLevel;
import dev.indicators.contract.avro.LitigationEvent;
import dev.indicators.contract.avro.LitigationOutcome;
import dev.indicators.contract.avro.LitigationStage;
import dev.indicators.contract.cases.CaseCounting;
import dev.indicators.contract.cases.CaseCounts;
import dev.indicators.contract.cases.CaseFact;
import dev.indicators.contract.cases.CaseState;
import dev.indicators.contract.cases.EventFingerprint;
import org.apache.avro.specific.SpecificRecord;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Counting rules of administrative litigation (行政应诉), docs/design.md "Counting rules":
 * <ul>
 *   <li>{@code responded}: every suit once, dated by its earliest event (the government answers every suit it is
 *       served); also {@code responded.<level>} for the suit's court level;</li>
 *   <li>{@code heard}: once, dated by the winning HEARD event; {@code head_appeared}: once if the agency head appeared
 *       at any hearing, dated by the winning hearing the head attended;</li>
 *   <li>{@code concluded}, {@code concluded.<level>} and one exclusive {@code outcome.<name>}: the winning CONCLUDED
 *       event (an amended outcome moves the suit; none counted if it carries none).</li>
 * </ul>
 * A suit's court level is the one named by its winning event among those that name one (an appeal moves the suit to
 * the intermediate court); a suit whose events name none counts only in the totals. The winner of a slot has the later
 * occurredAt, then the later arrival; counts are in the region of the latest event. Rates (appearance, loss) are
 * computed from these counts. A fact's kind is the stage ordinal; its detail packs the court level (ordinal + 1, 0 for
 * none) in bits 4-6 and, in bits 0-3, the outcome ordinal (CONCLUDED) or 1 / 0 for the head's appearance (HEARD), 15
 * for none; {@link CaseFact#NONE} when the event names neither.
 */
public final class LitigationCounting implements CaseCounting {

    private static final LitigationStage[] STAGES = LitigationStage.values();
    private static final LitigationOutcome[] OUTCOMES = LitigationOutcome.values();
    private static final CourtLevel[] LEVELS = CourtLevel.values();
    static final int NO_LOW = 15;
    static final int APPEARED = 1;

    @Override
    public CaseFact factOf(SpecificRecord event, EventFingerprint fingerprint) {
        LitigationEvent e = (LitigationEvent) event;
        return new CaseFact(0, e.getEventId(), fingerprint, e.getOccurredAt().toEpochMilli(), e.getRegionCode(),
                e.getStage().ordinal(), detail(e));
    }

    static int detail(LitigationEvent e) {
        int level = e.getCourtLevel() == null ? 0 : e.getCourtLevel().ordinal() + 1;
        int low = e.getOutcome() != null ? e.getOutcome().ordinal()
                : e.getHeadAppeared() != null ? (e.getHeadAppeared() ? APPEARED : 0) : NO_LOW;
        return level == 0 && low == NO_LOW ? CaseFact.NONE : level << 4 | low;
    }

    @Override
    public CaseCounts count(CaseState state) {
        CaseCounts counts = new CaseCounts();
        if (state.isEmpty()) return counts;
        String region = state.latest().orElseThrow().regionCode();
        Optional<CourtLevel> level = state.latest(f -> level(f) != null).map(LitigationCounting::level);
        LocalDate opened = state.firstDay().orElseThrow();
        counts.add(region, LitigationIndicators.RESPONDED, opened);
        level.ifPresent(l -> counts.add(region, LitigationIndicators.responded(l), opened));

        state.latest(f -> stage(f) == LitigationStage.HEARD).ifPresent(h -> counts.add(region, LitigationIndicators.HEARD, h.day()));
        state.latest(f -> stage(f) == LitigationStage.HEARD && low(f) == APPEARED)
                .ifPresent(h -> counts.add(region, LitigationIndicators.HEAD_APPEARED, h.day()));

        state.latest(f -> stage(f) == LitigationStage.CONCLUDED).ifPresent(c -> {
            counts.add(region, LitigationIndicators.CONCLUDED, c.day());
            level.ifPresent(l -> counts.add(region, LitigationIndicators.concluded(l), c.day()));
            int outcome = low(c);
            if (outcome != NO_LOW) counts.add(region, LitigationIndicators.outcome(OUTCOMES[outcome]), c.day());
        });
        return counts;
    }

    private static LitigationStage stage(CaseFact f) {
        return STAGES[f.kind()];
    }

    private static CourtLevel level(CaseFact f) {
        int l = f.detail() == CaseFact.NONE ? 0 : f.detail() >> 4;
        return l == 0 ? null : LEVELS[l - 1];
    }

    private static int low(CaseFact f) {
        return f.detail() == CaseFact.NONE ? NO_LOW : f.detail() & 0xF;
    }
}
