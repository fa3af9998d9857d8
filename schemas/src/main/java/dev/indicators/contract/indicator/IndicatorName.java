package dev.indicators.contract.indicator;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every indicator the pipeline counts, by the name the query API and the totals topic use
 * ({@code reconsideration.accepted}, {@code mediation.success_rate}, ...).
 */
public enum IndicatorName {
    RECONSIDERATION_APPLIED("reconsideration.applied"),
    RECONSIDERATION_ACCEPTED("reconsideration.accepted"),
    RECONSIDERATION_REJECTED("reconsideration.rejected"),
    RECONSIDERATION_CORRECTION_REQUESTED("reconsideration.correction_requested"),
    RECONSIDERATION_CONCLUDED("reconsideration.concluded"),
    RECONSIDERATION_OUTCOME_UPHELD("reconsideration.outcome.upheld"),
    RECONSIDERATION_OUTCOME_DISMISSED("reconsideration.outcome.dismissed"),
    RECONSIDERATION_OUTCOME_TERMINATED("reconsideration.outcome.terminated"),
    RECONSIDERATION_OUTCOME_REVOKED("reconsideration.outcome.revoked"),
    RECONSIDERATION_OUTCOME_CONFIRMED_ILLEGAL("reconsideration.outcome.confirmed_illegal"),
    RECONSIDERATION_OUTCOME_MODIFIED("reconsideration.outcome.modified"),
    RECONSIDERATION_OUTCOME_ORDERED_TO_PERFORM("reconsideration.outcome.ordered_to_perform"),
    RECONSIDERATION_OUTCOME_SETTLED("reconsideration.outcome.settled"),
    RECONSIDERATION_WITHDRAWN("reconsideration.withdrawn"),
    RECONSIDERATION_CORRECTION_RATE("reconsideration.correction_rate", IndicatorKind.RATE),

    MEDIATION_RECEIVED("mediation.received"),
    MEDIATION_SUCCEEDED("mediation.succeeded"),
    MEDIATION_FAILED("mediation.failed"),
    MEDIATION_AGREEMENTS("mediation.agreements"),
    MEDIATION_WITHDRAWN("mediation.withdrawn"),
    MEDIATION_SUCCESS_RATE("mediation.success_rate", IndicatorKind.RATE),

    CERTIFICATES_ISSUED("certificates.issued"),
    CERTIFICATES_SUSPENDED("certificates.suspended"),
    CERTIFICATES_REINSTATED("certificates.reinstated"),
    CERTIFICATES_REVOKED("certificates.revoked"),
    CERTIFICATES_ANNUAL_REVIEW_PASSED("certificates.annual_review_passed"),
    CERTIFICATES_ANNUAL_REVIEW_FAILED("certificates.annual_review_failed"),
    CERTIFICATES_ACTIVE("certificates.active", IndicatorKind.STOCK),
    CERTIFICATES_REVIEW_FAILURE_RATE("certificates.review_failure_rate", IndicatorKind.RATE);

    private static final Map<String, IndicatorName> BY_TEXT =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(IndicatorName::text, Function.identity()));

    private final String text;
    private final IndicatorKind kind;

    IndicatorName(String text) {
        this(text, IndicatorKind.COUNT);
    }

    IndicatorName(String text, IndicatorKind kind) {
        this.text = text;
        this.kind = kind;
    }

    public String text() {
        return text;
    }

    public IndicatorKind kind() {
        return kind;
    }

    /** For a rate: the counts summed into the numerator. Empty for counts and stocks. */
    public List<IndicatorName> numerator() {
        return switch (this) {
            case RECONSIDERATION_CORRECTION_RATE -> List.of(RECONSIDERATION_OUTCOME_REVOKED, RECONSIDERATION_OUTCOME_CONFIRMED_ILLEGAL,
                    RECONSIDERATION_OUTCOME_MODIFIED, RECONSIDERATION_OUTCOME_ORDERED_TO_PERFORM);
            case MEDIATION_SUCCESS_RATE -> List.of(MEDIATION_SUCCEEDED);
            case CERTIFICATES_REVIEW_FAILURE_RATE -> List.of(CERTIFICATES_ANNUAL_REVIEW_FAILED);
            default -> List.of();
        };
    }

    /** For a rate: the counts summed into the denominator. Empty for counts and stocks. */
    public List<IndicatorName> denominator() {
        return switch (this) {
            case RECONSIDERATION_CORRECTION_RATE -> List.of(RECONSIDERATION_CONCLUDED);
            case MEDIATION_SUCCESS_RATE -> List.of(MEDIATION_SUCCEEDED, MEDIATION_FAILED);
            case CERTIFICATES_REVIEW_FAILURE_RATE -> List.of(CERTIFICATES_ANNUAL_REVIEW_PASSED, CERTIFICATES_ANNUAL_REVIEW_FAILED);
            default -> List.of();
        };
    }

    /** The rates whose numerator or denominator includes this count. */
    public List<IndicatorName> ratesUsing() {
        return RatesUsing.BY_COUNT.get(this);
    }

    /** Computed once: asked for every published bucket. */
    private static final class RatesUsing {
        static final Map<IndicatorName, List<IndicatorName>> BY_COUNT = new EnumMap<>(IndicatorName.class);

        static {
            for (IndicatorName count : values()) {
                BY_COUNT.put(count, Arrays.stream(values())
                        .filter(r -> r.kind == IndicatorKind.RATE && (r.numerator().contains(count) || r.denominator().contains(count)))
                        .toList());
            }
        }
    }

    /** The indicator named by {@code text}, e.g. {@code mediation.succeeded}. */
    public static java.util.Optional<IndicatorName> find(String text) {
        return java.util.Optional.ofNullable(text == null ? null : BY_TEXT.get(text.trim()));
    }

    public static List<String> allTexts() {
        return Arrays.stream(values()).map(IndicatorName::text).toList();
    }

    @Override
    public String toString() {
        return text;
    }
}
