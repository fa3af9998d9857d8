package dev.indicators.contract.certificate;

import dev.indicators.contract.indicator.IndicatorName;

import java.util.List;

/** The indicators of enforcement certificates (行政执法证); docs/design.md "Counting rules". */
public final class CertificateIndicators {

    public static final IndicatorName ISSUED = IndicatorName.count("certificates.issued");
    public static final IndicatorName SUSPENDED = IndicatorName.count("certificates.suspended");
    public static final IndicatorName REINSTATED = IndicatorName.count("certificates.reinstated");
    public static final IndicatorName REVOKED = IndicatorName.count("certificates.revoked");
    public static final IndicatorName ANNUAL_REVIEW_PASSED = IndicatorName.count("certificates.annual_review_passed");
    public static final IndicatorName ANNUAL_REVIEW_FAILED = IndicatorName.count("certificates.annual_review_failed");
    public static final IndicatorName ACTIVE = IndicatorName.stock("certificates.active");
    public static final IndicatorName REVIEW_FAILURE_RATE = IndicatorName.rate("certificates.review_failure_rate",
            List.of(ANNUAL_REVIEW_FAILED), List.of(ANNUAL_REVIEW_PASSED, ANNUAL_REVIEW_FAILED));

    /** In the order the query API lists them. */
    public static final List<IndicatorName> ALL = List.of(ISSUED, SUSPENDED, REINSTATED, REVOKED, ANNUAL_REVIEW_PASSED,
            ANNUAL_REVIEW_FAILED, ACTIVE, REVIEW_FAILURE_RATE);

    private CertificateIndicators() {
    }
}
