package dev.indicators.streams;

import dev.indicators.contract.avro.IndicatorTotal;
import dev.indicators.streams.app.StoreKind;
import dev.indicators.streams.support.TestPipeline;
import dev.indicators.testkit.events.Events;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import static dev.indicators.contract.avro.CertificateAction.ISSUED;
import static dev.indicators.contract.avro.MediationStatus.RECEIVED;
import static dev.indicators.testkit.events.Events.QINGPU;
import static dev.indicators.testkit.events.Events.certificate;
import static dev.indicators.testkit.events.Events.mediation;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which totals one change puts on the totals topic: its month, quarter and year, all time, and exactly the trailing
 * windows (7, 30, 365 days ending today) its day falls in; for the stock {@code certificates.active}, also the later
 * months holding a change, with their quarters and years, and no month between them.
 */
@DisplayName("Published periods: a change publishes the trailing windows its day falls in, and a late stock change the later months that hold a change")
class PublishedPeriodsSpec {

    /** The published totals of Qingpu's {@code indicator}, period → value, of a pipeline whose clock reads {@code now}. */
    private static Map<String, Double> publishedAt(String now, String indicator, String occurredAt) {
        try (TestPipeline pipeline = new TestPipeline(Events.at(now), Duration.ofDays(30), StoreKind.IN_MEMORY)) {
            pipeline.send(mediation("m1", "M1", QINGPU, occurredAt, RECEIVED));
            return periods(pipeline.compactedTotals(), indicator);
        }
    }

    private static Map<String, Double> periods(Map<String, IndicatorTotal> totals, String indicator) {
        Map<String, Double> out = new TreeMap<>();
        String prefix = QINGPU + "|" + indicator + "|";
        totals.forEach((key, total) -> {
            if (key.startsWith(prefix)) out.put(key.substring(prefix.length()), total.getValue());
        });
        return out;
    }

    @Test
    @DisplayName("on 29 June the 30 days start on 31 May: a case received on 31 May publishes trailing:30d and trailing:365d, not trailing:7d")
    void windowStartingOnTheLastDayOfAMonth() {
        assertThat(publishedAt("2025-06-29T12:00", "mediation.received", "2025-05-31T09:00"))
                .containsOnlyKeys("month:2025-05", "quarter:2025Q2", "year:2025", "all", "trailing:30d", "trailing:365d")
                .containsEntry("trailing:30d", 1.0)
                .containsEntry("trailing:365d", 1.0);
    }

    @Test
    @DisplayName("on 30 June the 30 days start on 1 June: a case received on 31 May publishes trailing:365d only, of the windows")
    void dayJustBeforeTheWindow() {
        assertThat(publishedAt("2025-06-30T12:00", "mediation.received", "2025-05-31T09:00"))
                .containsOnlyKeys("month:2025-05", "quarter:2025Q2", "year:2025", "all", "trailing:365d")
                .containsEntry("trailing:365d", 1.0);
    }

    @Test
    @DisplayName("on 1 July a case received that morning publishes its new month, quarter 3, and all three windows")
    void firstDayOfAMonth() {
        assertThat(publishedAt("2025-07-01T12:00", "mediation.received", "2025-07-01T09:00"))
                .containsOnlyKeys("month:2025-07", "quarter:2025Q3", "year:2025", "all", "trailing:7d", "trailing:30d", "trailing:365d")
                .containsEntry("quarter:2025Q3", 1.0)
                .containsEntry("trailing:7d", 1.0)
                .containsEntry("trailing:30d", 1.0)
                .containsEntry("trailing:365d", 1.0);
    }

    @Test
    @DisplayName("a case of October 2017 publishes quarter:2017Q4 and no trailing window eight years later")
    void fourthQuarter() {
        assertThat(publishedAt("2025-06-15T12:00", "mediation.received", "2017-10-31T23:00"))
                .containsOnlyKeys("month:2017-10", "quarter:2017Q4", "year:2017", "all")
                .containsEntry("quarter:2017Q4", 1.0);
    }

    @Test
    @DisplayName("a late issue in February, with certificates issued in January and April, republishes the stock at the end of February and April, "
            + "of quarters 1 and 2, the year and now; not March, which holds no change")
    void lateStockChangeSkipsMonthsWithoutChanges() {
        try (TestPipeline pipeline = new TestPipeline()) {
            pipeline.send(
                    certificate("k1-i", "K1", QINGPU, "2017-01-05T09:00", ISSUED),
                    certificate("k2-i", "K2", QINGPU, "2017-04-05T09:00", ISSUED));
            pipeline.published();
            int before = pipeline.published().size();

            pipeline.send(certificate("k3-i", "K3", QINGPU, "2017-02-01T09:00", ISSUED));
            Map<String, IndicatorTotal> latest = new java.util.LinkedHashMap<>();
            pipeline.published().subList(before, pipeline.published().size()).forEach(r -> latest.put(r.key(), r.value()));

            assertThat(periods(latest, "certificates.active"))
                    .containsOnlyKeys("month:2017-02", "month:2017-04", "quarter:2017Q1", "quarter:2017Q2", "year:2017", "all",
                            "trailing:7d", "trailing:30d", "trailing:365d")
                    .containsEntry("month:2017-02", 2.0)   // K1 and K3
                    .containsEntry("month:2017-04", 3.0)
                    .containsEntry("quarter:2017Q1", 2.0)  // the end of March: K1 and K3, K2 not yet issued
                    .containsEntry("quarter:2017Q2", 3.0)
                    .containsEntry("year:2017", 3.0)
                    .containsEntry("all", 3.0)
                    .containsEntry("trailing:7d", 3.0);   // a stock's trailing window is the stock now
            assertThat(pipeline.count(QINGPU, "certificates.active", "month:2017-03")).as("answered, though not republished").isEqualTo(2);
        }
    }

    @Test
    @DisplayName("when the day turns, the refresh republishes every trailing window that held a count, once: a case of 9 June leaves the 7 days on the 16th")
    void windowsSlideWhenTheDayTurns() {
        Instant now = Events.at("2025-06-15T23:59");
        try (TestPipeline pipeline = new TestPipeline(now, Duration.ofDays(30), StoreKind.IN_MEMORY)) {
            pipeline.send(mediation("m1", "M1", QINGPU, "2025-06-09T08:00", RECEIVED));
            assertThat(periods(pipeline.compactedTotals(), "mediation.received")).containsEntry("trailing:7d", 1.0);
            int before = pipeline.published().size();

            pipeline.advance(Duration.ofMinutes(1)); // 16 June 00:00: the refresh of the minute
            Map<String, IndicatorTotal> latest = new java.util.LinkedHashMap<>();
            pipeline.published().subList(before, pipeline.published().size()).forEach(r -> latest.put(r.key(), r.value()));
            assertThat(periods(latest, "mediation.received")).as("only the windows, in every region of the lineage")
                    .containsOnlyKeys("trailing:7d", "trailing:30d", "trailing:365d")
                    .containsEntry("trailing:7d", 0.0)
                    .containsEntry("trailing:30d", 1.0)
                    .containsEntry("trailing:365d", 1.0);
            assertThat(latest).hasSize(4 * 3);

            int slidAt = pipeline.published().size();
            pipeline.send(mediation("m2", "M2", QINGPU, "2017-03-02T09:00", RECEIVED));
            assertThat(pipeline.published().subList(slidAt, pipeline.published().size()))
                    .as("the next change publishes its own periods only: the windows slid once")
                    .extracting(r -> r.key().substring(r.key().lastIndexOf('|') + 1))
                    .containsOnly("month:2017-03", "quarter:2017Q1", "year:2017", "all")
                    .hasSize(4 * 4);
        }
    }
}
