package dev.indicators.bench;

import dev.indicators.contract.region.Region;
import dev.indicators.contract.region.RegionLevel;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.streams.query.TotalValue;
import dev.indicators.streams.query.TotalsQuery;
import dev.indicators.streams.query.TotalsUnavailableException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Checks the pipeline's totals against the {@link Recount} of the same events, through the query API
 * ({@link TotalsQuery}), for a sample of (region, indicator, period): the nation, a few provinces, cities and
 * counties where events happened; every indicator; all time, each year, sampled quarters, months and days, and the
 * trailing 7/30/365 days.
 */
final class TotalsCheck {

    /** One total that differs from the recount. */
    public record Mismatch(String region, String indicator, String period, String expected, String actual) {
    }

    /** What the check found. */
    public record Outcome(long cases, int checked, int mismatches, List<Mismatch> examples, double seconds) {
        boolean passed() {
            return mismatches == 0 && checked > 0;
        }
    }

    private static final int EXAMPLES = 10;

    private TotalsCheck() {
    }

    static Outcome run(EventTape tape, RegionTable table, TotalsQuery query, long seed, Progress progress) {
        long started = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed ^ 0xC0FFEEL);
        List<String> regions = sampleRegions(tape, table, random);
        long minAt = Long.MAX_VALUE;
        long maxAt = Long.MIN_VALUE;
        for (int i = 0; i < tape.size(); i++) {
            minAt = Math.min(minAt, tape.occurredAtMillis(i));
            maxAt = Math.max(maxAt, tape.occurredAtMillis(i));
        }
        LocalDate today = LocalDate.now(Recount.CHINA);
        LocalDate first = LocalDate.ofInstant(Instant.ofEpochMilli(minAt), Recount.CHINA);
        LocalDate last = LocalDate.ofInstant(Instant.ofEpochMilli(maxAt), Recount.CHINA);
        Recount recount = new Recount(table, regions, first.minusDays(1), (last.isAfter(today) ? last : today).plusDays(1)).add(tape);
        List<String> periods = samplePeriods(first, last, random);

        int checked = 0;
        int mismatches = 0;
        List<Mismatch> examples = new ArrayList<>();
        for (String region : regions) {
            for (String indicator : Recount.indicators()) {
                for (String period : periods) {
                    Recount.Expected expected = recount.expected(region, indicator, period, today);
                    TotalValue actual = ask(query, region, indicator, period);
                    checked++;
                    if (!agree(expected, actual)) {
                        mismatches++;
                        if (examples.size() < EXAMPLES) {
                            examples.add(new Mismatch(region, indicator, period, describe(expected), describe(actual)));
                        }
                    }
                }
            }
        }
        if (!LocalDate.now(Recount.CHINA).equals(today)) {
            progress.line("recount: the day turned during the check; trailing windows may differ for that reason alone");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        progress.line("recount: %,d cases recounted; %,d totals checked (%d regions x %d indicators x %d periods), %d mismatch%s, %.1f s",
                recount.cases(), checked, regions.size(), Recount.indicators().size(), periods.size(), mismatches,
                mismatches == 1 ? "" : "es", seconds);
        for (Mismatch m : examples) {
            progress.line("recount: MISMATCH %s %s %s: expected %s, the pipeline says %s", m.region(), m.indicator(), m.period(), m.expected(), m.actual());
        }
        return new Outcome(recount.cases(), checked, mismatches, List.copyOf(examples), Throughput.round(seconds, 3));
    }

    private static TotalValue ask(TotalsQuery query, String region, String indicator, String period) {
        for (int attempt = 1; ; attempt++) {
            try {
                return query.total(region, indicator, period);
            } catch (TotalsUnavailableException e) {
                if (attempt >= 50) throw new BenchFailure("the totals store stayed unreadable: " + e.getMessage(), e);
                PipelinePhase.sleep(200);
            }
        }
    }

    static boolean agree(Recount.Expected expected, TotalValue actual) {
        if (expected.denominator() == null) {
            return actual.value() != null && actual.value() == expected.value();
        }
        if (!Objects.equals(expected.numerator(), actual.numerator()) || !Objects.equals(expected.denominator(), actual.denominator())) {
            return false;
        }
        if (expected.denominator() == 0) return actual.value() == null || actual.value().isNaN();
        return actual.value() != null && Math.abs(actual.value() - expected.value()) < 1e-9;
    }

    private static String describe(Recount.Expected e) {
        return e.denominator() == null ? Long.toString((long) e.value()) : e.numerator() + "/" + e.denominator();
    }

    private static String describe(TotalValue v) {
        if (v == null) return "nothing";
        if (v.denominator() == null && v.numerator() == null) return v.value() == null ? "null" : String.format(Locale.ROOT, "%.0f", v.value());
        return v.numerator() + "/" + v.denominator();
    }

    /** The nation, up to 3 provinces, 3 cities and 8 counties where events happened (chosen by the seed). */
    static List<String> sampleRegions(EventTape tape, RegionTable table, SplittableRandom random) {
        List<String> withEvents = new ArrayList<>();
        for (int r = 0; r < tape.regionCount(); r++) withEvents.add(tape.regionCode(r));
        Collections.sort(withEvents);
        LinkedHashSet<String> counties = new LinkedHashSet<>();
        LinkedHashSet<String> cities = new LinkedHashSet<>();
        LinkedHashSet<String> provinces = new LinkedHashSet<>();
        int tries = 0;
        while (!withEvents.isEmpty() && tries++ < 200 && (counties.size() < 8 || cities.size() < 3 || provinces.size() < 3)) {
            String code = withEvents.get(random.nextInt(withEvents.size()));
            for (Region r : table.lineage(table.find(code).orElseThrow().code())) {
                String c = r.code().value();
                if (r.level() == RegionLevel.COUNTY && counties.size() < 8) counties.add(c);
                else if (r.level() == RegionLevel.CITY && cities.size() < 3) cities.add(c);
                else if (r.level() == RegionLevel.PROVINCE && provinces.size() < 3) provinces.add(c);
            }
        }
        LinkedHashSet<String> all = new LinkedHashSet<>();
        all.add(Recount.nation());
        all.addAll(provinces);
        all.addAll(cities);
        all.addAll(counties);
        return List.copyOf(all);
    }

    /** All time, every year, 4 quarters, 4 months and 6 days between {@code first} and {@code last}, trailing windows. */
    static List<String> samplePeriods(LocalDate first, LocalDate last, SplittableRandom random) {
        LinkedHashSet<String> periods = new LinkedHashSet<>();
        periods.add("all");
        for (int y = first.getYear(); y <= last.getYear(); y++) periods.add("year:" + y);
        long span = last.toEpochDay() - first.toEpochDay() + 1;
        for (int i = 0; i < 4; i++) {
            LocalDate d = first.plusDays(random.nextLong(span));
            periods.add("quarter:" + d.getYear() + "Q" + ((d.getMonthValue() - 1) / 3 + 1));
        }
        for (int i = 0; i < 4; i++) periods.add("month:" + YearMonth.from(first.plusDays(random.nextLong(span))));
        for (int i = 0; i < 6; i++) periods.add("day:" + first.plusDays(random.nextLong(span)));
        periods.add("trailing:7d");
        periods.add("trailing:30d");
        periods.add("trailing:365d");
        return List.copyOf(periods);
    }
}
