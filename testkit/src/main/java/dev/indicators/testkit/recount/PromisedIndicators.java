package dev.indicators.testkit.recount;

import java.util.List;

/**
 * The indicator names the pipeline promises (the API's {@code /api/v1/indicators}, every region's totals, the totals
 * topic), written down here from {@code docs/design.md} rather than taken from the production enum, so that an
 * indicator missing from production, or one production adds unannounced, fails the tests that compare against it.
 */
public final class PromisedIndicators {

    /** Every indicator, in the order of the design's tables. */
    public static final List<String> ALL = List.of(
            "reconsideration.applied", "reconsideration.accepted", "reconsideration.rejected", "reconsideration.correction_requested",
            "reconsideration.concluded", "reconsideration.outcome.upheld", "reconsideration.outcome.dismissed",
            "reconsideration.outcome.terminated", "reconsideration.outcome.revoked", "reconsideration.outcome.confirmed_illegal",
            "reconsideration.outcome.modified", "reconsideration.outcome.ordered_to_perform", "reconsideration.outcome.settled",
            "reconsideration.withdrawn", "reconsideration.correction_rate",
            "mediation.received", "mediation.succeeded", "mediation.failed", "mediation.agreements", "mediation.withdrawn",
            "mediation.success_rate",
            "certificates.issued", "certificates.suspended", "certificates.reinstated", "certificates.revoked",
            "certificates.annual_review_passed", "certificates.annual_review_failed", "certificates.active",
            "certificates.review_failure_rate",
            "litigation.responded", "litigation.responded.basic_court", "litigation.responded.intermediate_court",
            "litigation.responded.higher_court", "litigation.heard", "litigation.head_appeared", "litigation.concluded",
            "litigation.concluded.basic_court", "litigation.concluded.intermediate_court", "litigation.concluded.higher_court",
            "litigation.outcome.withdrawn", "litigation.outcome.claims_dismissed", "litigation.outcome.suit_dismissed",
            "litigation.outcome.lost", "litigation.outcome.other", "litigation.head_appearance_rate", "litigation.loss_rate");

    /** The rates and the one stock: their values are not sums of day counts. */
    public static final List<String> RATES_AND_STOCKS = List.of("reconsideration.correction_rate", "mediation.success_rate",
            "certificates.review_failure_rate", "certificates.active", "litigation.head_appearance_rate", "litigation.loss_rate");

    private PromisedIndicators() {
    }
}
