package dev.indicators.contract.reconsideration;

import dev.indicators.contract.indicator.IndicatorName;

import java.util.List;

/** The indicators of administrative reconsideration (行政复议); docs/design.md "Counting rules". */
public final class ReconsiderationIndicators {

    public static final IndicatorName APPLIED = IndicatorName.count("reconsideration.applied");
    public static final IndicatorName ACCEPTED = IndicatorName.count("reconsideration.accepted");
    public static final IndicatorName REJECTED = IndicatorName.count("reconsideration.rejected");
    public static final IndicatorName CORRECTION_REQUESTED = IndicatorName.count("reconsideration.correction_requested");
    public static final IndicatorName CONCLUDED = IndicatorName.count("reconsideration.concluded");
    public static final IndicatorName OUTCOME_UPHELD = IndicatorName.count("reconsideration.outcome.upheld");
    public static final IndicatorName OUTCOME_DISMISSED = IndicatorName.count("reconsideration.outcome.dismissed");
    public static final IndicatorName OUTCOME_TERMINATED = IndicatorName.count("reconsideration.outcome.terminated");
    public static final IndicatorName OUTCOME_REVOKED = IndicatorName.count("reconsideration.outcome.revoked");
    public static final IndicatorName OUTCOME_CONFIRMED_ILLEGAL = IndicatorName.count("reconsideration.outcome.confirmed_illegal");
    public static final IndicatorName OUTCOME_MODIFIED = IndicatorName.count("reconsideration.outcome.modified");
    public static final IndicatorName OUTCOME_ORDERED_TO_PERFORM = IndicatorName.count("reconsideration.outcome.ordered_to_perform");
    public static final IndicatorName OUTCOME_SETTLED = IndicatorName.count("reconsideration.outcome.settled");
    public static final IndicatorName WITHDRAWN = IndicatorName.count("reconsideration.withdrawn");
    /** 纠错率: the decisions that corrected the agency, of all concluded cases. */
    public static final IndicatorName CORRECTION_RATE = IndicatorName.rate("reconsideration.correction_rate",
            List.of(OUTCOME_REVOKED, OUTCOME_CONFIRMED_ILLEGAL, OUTCOME_MODIFIED, OUTCOME_ORDERED_TO_PERFORM), List.of(CONCLUDED));

    /** In the order the query API lists them. */
    public static final List<IndicatorName> ALL = List.of(APPLIED, ACCEPTED, REJECTED, CORRECTION_REQUESTED, CONCLUDED,
            OUTCOME_UPHELD, OUTCOME_DISMISSED, OUTCOME_TERMINATED, OUTCOME_REVOKED, OUTCOME_CONFIRMED_ILLEGAL, OUTCOME_MODIFIED,
            OUTCOME_ORDERED_TO_PERFORM, OUTCOME_SETTLED, WITHDRAWN, CORRECTION_RATE);

    private ReconsiderationIndicators() {
    }
}
