package dev.indicators.contract.litigation;

import dev.indicators.contract.avro.CourtLevel;
import dev.indicators.contract.avro.LitigationOutcome;
import dev.indicators.contract.indicator.IndicatorName;

import java.util.List;

/**
 * The indicators of administrative litigation (行政应诉: suits in which a government is the defendant); the counting
 * rules are {@link LitigationCounting}'s. Court levels: {@code basic_court} (district and county courts),
 * {@code intermediate_court}, {@code higher_court} (high and supreme courts).
 */
public final class LitigationIndicators {

    public static final IndicatorName RESPONDED = IndicatorName.count("litigation.responded");
    public static final IndicatorName RESPONDED_BASIC_COURT = IndicatorName.count("litigation.responded.basic_court");
    public static final IndicatorName RESPONDED_INTERMEDIATE_COURT = IndicatorName.count("litigation.responded.intermediate_court");
    public static final IndicatorName RESPONDED_HIGHER_COURT = IndicatorName.count("litigation.responded.higher_court");
    public static final IndicatorName HEARD = IndicatorName.count("litigation.heard");
    public static final IndicatorName HEAD_APPEARED = IndicatorName.count("litigation.head_appeared");
    public static final IndicatorName CONCLUDED = IndicatorName.count("litigation.concluded");
    public static final IndicatorName CONCLUDED_BASIC_COURT = IndicatorName.count("litigation.concluded.basic_court");
    public static final IndicatorName CONCLUDED_INTERMEDIATE_COURT = IndicatorName.count("litigation.concluded.intermediate_court");
    public static final IndicatorName CONCLUDED_HIGHER_COURT = IndicatorName.count("litigation.concluded.higher_court");
    public static final IndicatorName OUTCOME_WITHDRAWN = IndicatorName.count("litigation.outcome.withdrawn");
    public static final IndicatorName OUTCOME_CLAIMS_DISMISSED = IndicatorName.count("litigation.outcome.claims_dismissed");
    public static final IndicatorName OUTCOME_SUIT_DISMISSED = IndicatorName.count("litigation.outcome.suit_dismissed");
    public static final IndicatorName OUTCOME_LOST = IndicatorName.count("litigation.outcome.lost");
    public static final IndicatorName OUTCOME_OTHER = IndicatorName.count("litigation.outcome.other");
    /** 负责人出庭应诉率: hearings the agency head attended, of the cases heard in court. */
    public static final IndicatorName HEAD_APPEARANCE_RATE = IndicatorName.rate("litigation.head_appearance_rate", List.of(HEAD_APPEARED), List.of(HEARD));
    /** 败诉率: suits lost, of the concluded suits. */
    public static final IndicatorName LOSS_RATE = IndicatorName.rate("litigation.loss_rate", List.of(OUTCOME_LOST), List.of(CONCLUDED));

    /** In the order the query API lists them. */
    public static final List<IndicatorName> ALL = List.of(RESPONDED, RESPONDED_BASIC_COURT, RESPONDED_INTERMEDIATE_COURT,
            RESPONDED_HIGHER_COURT, HEARD, HEAD_APPEARED, CONCLUDED, CONCLUDED_BASIC_COURT, CONCLUDED_INTERMEDIATE_COURT,
            CONCLUDED_HIGHER_COURT, OUTCOME_WITHDRAWN, OUTCOME_CLAIMS_DISMISSED, OUTCOME_SUIT_DISMISSED, OUTCOME_LOST, OUTCOME_OTHER,
            HEAD_APPEARANCE_RATE, LOSS_RATE);

    public static IndicatorName outcome(LitigationOutcome outcome) {
        return switch (outcome) {
            case WITHDRAWN -> OUTCOME_WITHDRAWN;
            case CLAIMS_DISMISSED -> OUTCOME_CLAIMS_DISMISSED;
            case SUIT_DISMISSED -> OUTCOME_SUIT_DISMISSED;
            case LOST -> OUTCOME_LOST;
            case OTHER -> OUTCOME_OTHER;
        };
    }

    public static IndicatorName responded(CourtLevel level) {
        return switch (level) {
            case BASIC -> RESPONDED_BASIC_COURT;
            case INTERMEDIATE -> RESPONDED_INTERMEDIATE_COURT;
            case HIGH, SUPREME -> RESPONDED_HIGHER_COURT;
        };
    }

    public static IndicatorName concluded(CourtLevel level) {
        return switch (level) {
            case BASIC -> CONCLUDED_BASIC_COURT;
            case INTERMEDIATE -> CONCLUDED_INTERMEDIATE_COURT;
            case HIGH, SUPREME -> CONCLUDED_HIGHER_COURT;
        };
    }

    private LitigationIndicators() {
    }
}
