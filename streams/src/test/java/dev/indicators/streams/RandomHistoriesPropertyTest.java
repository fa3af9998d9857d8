package dev.indicators.streams;

import dev.indicators.contract.avro.IndicatorTotal;
import dev.indicators.contract.region.Region;
import dev.indicators.streams.query.TotalValue;
import dev.indicators.streams.query.TotalsQuery;
import dev.indicators.streams.support.BatchRecount;
import dev.indicators.streams.support.RandomHistories;
import dev.indicators.streams.app.StoreKind;
import dev.indicators.streams.support.TestPipeline;
import dev.indicators.streams.totals.IndicatorName;
import dev.indicators.streams.totals.Period;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For random event histories (lifecycles, amendments, region moves, re-sends, re-used ids, all shuffled), every total
 * the pipeline answers or publishes equals an independent batch recount of the same events.
 */
@DisplayName("Property: every total equals a straightforward batch recount of the same events")
class RandomHistoriesPropertyTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** Three seeded runs by default; {@code -Dindicators.property.runs=50} for a longer search. */
    static LongStream seeds() {
        int runs = Integer.getInteger("indicators.property.runs", 3);
        return LongStream.concat(LongStream.of(20240615, 77, 1), LongStream.range(2, Math.max(2, runs - 1))).limit(runs);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyTotalEqualsTheRecount(long seed) {
        try (TestPipeline pipeline = new TestPipeline()) {
            checkAgainstRecount(pipeline, seed);
        }
    }

    /**
     * Totals are published when the record cache flushes; a cache of a few kilobytes flushes (evicts) in the middle of
     * a record, between the buckets of one contribution and while publishing reads other buckets.
     */
    @ParameterizedTest(name = "seed {0}, 4 KB cache")
    @MethodSource("seeds")
    void everyTotalEqualsTheRecountWhenTheCacheFlushesMidRecord(long seed) {
        try (TestPipeline pipeline = new TestPipeline(TestPipeline.NOW, Duration.ofDays(30), StoreKind.PERSISTENT, 4096L)) {
            checkAgainstRecount(pipeline, seed);
        }
    }

    private static void checkAgainstRecount(TestPipeline pipeline, long seed) {
        {
            List<SpecificRecord> arrivals = new RandomHistories(seed, TestPipeline.NOW, Duration.ofDays(500)).generate(55, 55, 35);
            pipeline.send(arrivals);
            pipeline.advance(Duration.ofSeconds(60)); // trailing windows and late stock changes are published at the refresh

            LocalDate today = LocalDate.ofInstant(pipeline.clock.instant(), SHANGHAI);
            BatchRecount recount = new BatchRecount(pipeline.regions, arrivals);
            TotalsQuery query = pipeline.query();

            List<String> periods = periodsToCheck(arrivals, today);
            int compared = 0;
            Map<String, double[]> expectations = new HashMap<>();
            for (Region region : pipeline.regions.all()) {
                String code = region.code().value();
                for (IndicatorName indicator : IndicatorName.values()) {
                    for (String period : periods) {
                        double[] expected = recount.value(code, indicator.text(), period, today);
                        TotalValue actual = query.total(code, indicator.text(), period);
                        String what = code + "|" + indicator.text() + "|" + period;
                        expectations.put(what, expected);
                        if (Double.isNaN(expected[0])) {
                            assertThat(actual.value()).as(what).isNull();
                        } else {
                            assertThat(actual.value()).as(what).isEqualTo(expected[0]);
                        }
                        if (expected.length == 3) {
                            assertThat(actual.numerator()).as(what + " numerator").isEqualTo((long) expected[1]);
                            assertThat(actual.denominator()).as(what + " denominator").isEqualTo((long) expected[2]);
                        }
                        compared++;
                    }
                }
            }
            assertThat(compared).isGreaterThan(10_000);

            // the compacted totals topic: the latest value of every key is the recount, and no non-zero count is missing
            Map<String, IndicatorTotal> topic = pipeline.compactedTotals();
            for (IndicatorTotal t : topic.values()) {
                String key = t.getRegionCode() + "|" + t.getIndicator() + "|" + t.getPeriod();
                double[] expected = expectations.computeIfAbsent(key, k -> recount.value(t.getRegionCode(), t.getIndicator(), t.getPeriod(), today));
                String what = "topic " + key;
                if (Double.isNaN(expected[0])) assertThat(t.getValue()).as(what).isNaN();
                else assertThat(t.getValue()).as(what).isEqualTo(expected[0]);
                if (expected.length == 3) assertThat(t.getDenominator()).as(what).isEqualTo((long) expected[2]);
            }
            for (Region region : pipeline.regions.all()) {
                for (IndicatorName indicator : IndicatorName.values()) {
                    if (indicator.kind() != dev.indicators.streams.totals.IndicatorKind.COUNT) continue;
                    for (String period : periods) {
                        if (period.startsWith("trailing:") && !Period.PUBLISHED_TRAILING_DAYS.contains(Period.parse(period).trailingDays())) continue;
                        if (period.startsWith("day:")) continue; // day totals are served by the query API only
                        double expected = expectations.get(region.code().value() + "|" + indicator.text() + "|" + period)[0];
                        if (expected != 0) {
                            assertThat(topic).as("published " + region.code() + "|" + indicator.text() + "|" + period)
                                    .containsKey(region.code().value() + "|" + indicator.text() + "|" + period);
                        }
                    }
                }
            }
            assertThat(pipeline.deadLetters()).allSatisfy(l ->
                    assertThat(new String(l.headers().lastHeader("dlq.reason").value())).isEqualTo("event-id-conflict"));
        }
    }

    /** Every day an event falls on (and its neighbours), their months, quarters and years, trailing windows, all. */
    private static List<String> periodsToCheck(List<SpecificRecord> events, LocalDate today) {
        TreeSet<LocalDate> days = new TreeSet<>();
        for (SpecificRecord e : events) {
            java.time.Instant at = (java.time.Instant) e.get(e.getSchema().getField("occurredAt").pos());
            LocalDate d = LocalDate.ofInstant(at, SHANGHAI);
            days.add(d);
            days.add(d.minusDays(1));
            days.add(d.plusDays(1));
        }
        TreeSet<String> periods = new TreeSet<>();
        for (LocalDate d : days) {
            periods.add(Period.day(d).text());
            periods.add(Period.month(YearMonth.from(d)).text());
            periods.add(Period.quarterOf(d).text());
            periods.add(Period.year(d.getYear()).text());
        }
        List<String> out = new ArrayList<>(periods);
        out.addAll(List.of("all", "trailing:7d", "trailing:30d", "trailing:365d", "trailing:90d", "trailing:1d"));
        return out;
    }
}
