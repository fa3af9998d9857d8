package dev.indicators.contract.mediation;

import dev.indicators.contract.indicator.IndicatorName;

import java.util.List;

/** The indicators of mediation (人民调解 and others); docs/design.md "Counting rules". */
public final class MediationIndicators {

    public static final IndicatorName RECEIVED = IndicatorName.count("mediation.received");
    public static final IndicatorName SUCCEEDED = IndicatorName.count("mediation.succeeded");
    public static final IndicatorName FAILED = IndicatorName.count("mediation.failed");
    public static final IndicatorName AGREEMENTS = IndicatorName.count("mediation.agreements");
    public static final IndicatorName WITHDRAWN = IndicatorName.count("mediation.withdrawn");
    public static final IndicatorName SUCCESS_RATE = IndicatorName.rate("mediation.success_rate", List.of(SUCCEEDED), List.of(SUCCEEDED, FAILED));

    /** In the order the query API lists them. */
    public static final List<IndicatorName> ALL = List.of(RECEIVED, SUCCEEDED, FAILED, AGREEMENTS, WITHDRAWN, SUCCESS_RATE);

    private MediationIndicators() {
    }
}
