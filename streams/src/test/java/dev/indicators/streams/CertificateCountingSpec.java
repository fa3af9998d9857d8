package dev.indicators.streams;

import dev.indicators.contract.avro.IndicatorTotal;
import dev.indicators.streams.support.TestPipeline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static dev.indicators.contract.avro.CertificateAction.ANNUAL_REVIEW_FAILED;
import static dev.indicators.contract.avro.CertificateAction.ANNUAL_REVIEW_PASSED;
import static dev.indicators.contract.avro.CertificateAction.ISSUED;
import static dev.indicators.contract.avro.CertificateAction.REINSTATED;
import static dev.indicators.contract.avro.CertificateAction.REVOKED;
import static dev.indicators.contract.avro.CertificateAction.SUSPENDED;
import static dev.indicators.testkit.events.Events.NATION;
import static dev.indicators.testkit.events.Events.QINGPU;
import static dev.indicators.testkit.events.Events.certificate;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Certificates: flows once per certificate, annual reviews once per year, the active stock as of the period's end")
class CertificateCountingSpec {

    private final TestPipeline pipeline = new TestPipeline();

    @AfterEach
    void close() {
        pipeline.close();
    }

    private long count(String indicator, String period) {
        return pipeline.count(QINGPU, indicator, period);
    }

    @Test
    @DisplayName("issued, suspended, reinstated and revoked are flows dated by their events")
    void flows() {
        pipeline.send(
                certificate("k1-i", "K1", QINGPU, "2016-01-10T09:00", ISSUED),
                certificate("k1-s", "K1", QINGPU, "2017-04-01T09:00", SUSPENDED),
                certificate("k1-r", "K1", QINGPU, "2017-05-01T09:00", REINSTATED),
                certificate("k2-i", "K2", QINGPU, "2017-01-10T09:00", ISSUED),
                certificate("k2-v", "K2", QINGPU, "2017-08-01T09:00", REVOKED));

        assertThat(count("certificates.issued", "year:2016")).isEqualTo(1);
        assertThat(count("certificates.issued", "year:2017")).isEqualTo(1);
        assertThat(count("certificates.suspended", "quarter:2017Q2")).isEqualTo(1);
        assertThat(count("certificates.reinstated", "month:2017-05")).isEqualTo(1);
        assertThat(count("certificates.revoked", "year:2017")).isEqualTo(1);
    }

    @Test
    @DisplayName("active is a stock: issued or reinstated, not suspended or revoked, as of the end of the period")
    void activeStock() {
        pipeline.send(
                certificate("k1-i", "K1", QINGPU, "2016-01-10T09:00", ISSUED),
                certificate("k1-s", "K1", QINGPU, "2017-04-01T09:00", SUSPENDED),
                certificate("k1-r", "K1", QINGPU, "2017-05-01T09:00", REINSTATED),
                certificate("k2-i", "K2", QINGPU, "2017-01-10T09:00", ISSUED),
                certificate("k2-v", "K2", QINGPU, "2017-08-01T09:00", REVOKED));

        assertThat(count("certificates.active", "year:2015")).isZero();
        assertThat(count("certificates.active", "day:2016-01-09")).isZero();
        assertThat(count("certificates.active", "day:2016-01-10")).isEqualTo(1);
        assertThat(count("certificates.active", "year:2016")).isEqualTo(1);
        assertThat(count("certificates.active", "month:2017-01")).isEqualTo(2);
        assertThat(count("certificates.active", "month:2017-04")).isEqualTo(1);
        assertThat(count("certificates.active", "quarter:2017Q1")).isEqualTo(2);
        assertThat(count("certificates.active", "quarter:2017Q2")).isEqualTo(2);
        assertThat(count("certificates.active", "day:2017-07-31")).isEqualTo(2);
        assertThat(count("certificates.active", "day:2017-08-01")).isEqualTo(1);
        assertThat(count("certificates.active", "year:2017")).isEqualTo(1);
        assertThat(count("certificates.active", "all")).isEqualTo(1);
        assertThat(count("certificates.active", "trailing:30d")).isEqualTo(1);
        assertThat(pipeline.count(NATION, "certificates.active", "month:2017-06")).isEqualTo(2);
    }

    @Test
    @DisplayName("annual reviews count once per certificate per calendar year, the latest result of the year winning")
    void annualReviews() {
        pipeline.send(
                certificate("k1-i", "K1", QINGPU, "2016-01-10T09:00", ISSUED),
                certificate("k1-2016", "K1", QINGPU, "2016-12-01T09:00", ANNUAL_REVIEW_PASSED),
                certificate("k1-2017a", "K1", QINGPU, "2017-03-01T09:00", ANNUAL_REVIEW_FAILED),
                certificate("k1-2017b", "K1", QINGPU, "2017-06-01T09:00", ANNUAL_REVIEW_PASSED),
                certificate("k2-i", "K2", QINGPU, "2016-01-10T09:00", ISSUED),
                certificate("k2-2017", "K2", QINGPU, "2017-03-02T09:00", ANNUAL_REVIEW_FAILED));

        assertThat(count("certificates.annual_review_passed", "year:2016")).isEqualTo(1);
        assertThat(count("certificates.annual_review_passed", "year:2017")).isEqualTo(1);
        assertThat(count("certificates.annual_review_failed", "year:2017")).isEqualTo(1);
        assertThat(count("certificates.annual_review_failed", "month:2017-03")).isEqualTo(1);
        assertThat(count("certificates.annual_review_passed", "all")).isEqualTo(2);

        var rate = pipeline.total(QINGPU, "certificates.review_failure_rate", "year:2017");
        assertThat(rate.numerator()).isEqualTo(1);
        assertThat(rate.denominator()).isEqualTo(2);
        assertThat(rate.value()).isEqualTo(0.5);
    }

    @Test
    @DisplayName("a certificate suspended twice counts once, on the later date")
    void suspendedOnce() {
        pipeline.send(
                certificate("k1-i", "K1", QINGPU, "2016-01-10T09:00", ISSUED),
                certificate("k1-s1", "K1", QINGPU, "2016-04-01T09:00", SUSPENDED),
                certificate("k1-r", "K1", QINGPU, "2016-05-01T09:00", REINSTATED),
                certificate("k1-s2", "K1", QINGPU, "2017-04-01T09:00", SUSPENDED));

        assertThat(count("certificates.suspended", "all")).isEqualTo(1);
        assertThat(count("certificates.suspended", "year:2017")).isEqualTo(1);
        assertThat(count("certificates.active", "year:2016")).isEqualTo(1);
        assertThat(count("certificates.active", "month:2016-04")).isZero();
        assertThat(count("certificates.active", "year:2017")).isZero();
    }

    @Test
    @DisplayName("a late stock change republishes, in the same cycle, the stock at the end of every later month, quarter and year holding a change")
    void lateStockChangeRepublishesLaterPeriods() {
        pipeline.send(
                certificate("k1-i", "K1", QINGPU, "2017-01-05T09:00", ISSUED),
                certificate("k2-i", "K2", QINGPU, "2017-03-03T09:00", ISSUED));
        assertThat(pipeline.compactedTotals().get(QINGPU + "|certificates.active|month:2017-03").getValue()).isEqualTo(2.0);

        pipeline.send(certificate("k3-i", "K3", QINGPU, "2017-02-01T09:00", ISSUED));
        Map<String, IndicatorTotal> after = pipeline.compactedTotals();
        assertThat(after.get(QINGPU + "|certificates.active|month:2017-02").getValue()).isEqualTo(2.0);
        assertThat(after.get(QINGPU + "|certificates.active|month:2017-03").getValue()).isEqualTo(3.0);
        assertThat(after.get(QINGPU + "|certificates.active|month:2017-01").getValue()).isEqualTo(1.0);
        assertThat(after.get(QINGPU + "|certificates.active|quarter:2017Q1").getValue()).isEqualTo(3.0);
        assertThat(after.get(QINGPU + "|certificates.active|year:2017").getValue()).isEqualTo(3.0);
        assertThat(after.get(QINGPU + "|certificates.active|all").getValue()).isEqualTo(3.0);
        assertThat(after.get(QINGPU + "|certificates.active|trailing:30d").getValue()).isEqualTo(3.0);
        assertThat(count("certificates.active", "day:2017-03-03")).isEqualTo(3);
        assertThat(count("certificates.active", "day:2017-02-01")).isEqualTo(2);
    }
}
