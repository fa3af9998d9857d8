package dev.indicators.bench;

import dev.indicators.testkit.recount.Recount;
import dev.indicators.testkit.recount.EventTape;
import dev.indicators.contract.region.Region;
import dev.indicators.contract.region.RegionLevel;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.streams.query.TotalValue;
import dev.indicators.streams.query.TotalsQuery;
import dev.indicators.streams.query.TotalsUnavailableException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Checks the pipeline's totals against the {@link Recount} of the same events, twice:
 * <ul>
 *   <li>through the query API ({@link TotalsQuery}), for a sample of (region, indicator, period): the nation, a few
 *       provinces, cities and counties where events happened; every indicator; all time, each year, sampled quarters,
 *       months and days, and the trailing 7/30/365 days;</li>
 *   <li>on the totals topic, read {@code read_committed} to its end ({@link TotalsTopicTail}): every latest value of
 *       the sampled regions must equal the recount (a wrong value or a total that should not be there is a mismatch),
 *       and every nonzero total of the expected period kinds must be there (a missing total is a mismatch). A stock
 *       ({@code certificates.active}) is required for a calendar period only if it changed in it, as the topic carries
 *       a stock where it moves.</li>
 * </ul>
 */
final class TotalsCheck {

    /** One total that differs from the recount; {@code source} is {@code query} or {@code topic}. */
    public record Mismatch(String source, String region, String indicator, String period, String expected, String actual) {
        @Override
        public String toString() {
            return source + " " + region + " " + indicator + " " + period + ": expected " + expected + ", found " + actual;
        }
    }

    /**
     * What the check found; {@code checked} and {@code mismatches} are over both sources; {@code topicSettleSeconds}
     * is how long after the first read of the topic it first equalled the recount (0: at once).
     */
    public record Outcome(long cases, int checked, int mismatches, List<Mismatch> examples, double seconds,
                          int queryChecked, int queryMismatches, int topicChecked, int topicMismatches, Double topicSettleSeconds) {
        boolean passed() {
            return mismatches == 0 && checked > 0;
        }
    }

    /** The period kinds a topic check can expect ({@code trailing} stands for the 7, 30 and 365-day windows). */
    static final List<String> PERIOD_KINDS = List.of("day", "month", "quarter", "year", "all", "trailing");
    /** What the totals topic must carry unless told otherwise: every kind but days (day totals are optional there). */
    static final Set<String> DEFAULT_TOPIC_KINDS = Set.of("month", "quarter", "year", "all", "trailing");
    static final List<Integer> TRAILING_DAYS = List.of(7, 30, 365);

    private static final int EXAMPLES = 10;

    /** What will be checked: regions where events happened, periods between the first and last event's day. */
    record Sample(List<String> regions, List<String> periods, LocalDate first, LocalDate last) {
    }

    /** The totals topic's latest values of the sampled regions by key, read to the topic's current end on each call. */
    @FunctionalInterface
    interface TopicValues {
        Map<String, TotalValue> read();
    }

    /** Counts checks and mismatches of one source, keeping its first few. */
    static final class Tally {
        private final String source;
        private final List<Mismatch> examples;
        int checked;
        int mismatches;

        Tally(String source, List<Mismatch> examples) {
            this.source = source;
            this.examples = examples;
        }

        void check(String region, String indicator, String period, boolean agree, String expected, String actual) {
            checked++;
            if (agree) return;
            mismatches++;
            if (mismatches <= EXAMPLES) examples.add(new Mismatch(source, region, indicator, period, expected, actual));
        }
    }

    private TotalsCheck() {
    }

    static Sample sample(EventTape tape, RegionTable table, long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0xC0FFEEL);
        List<String> regions = sampleRegions(tape, table, random);
        long minAt = Long.MAX_VALUE;
        long maxAt = Long.MIN_VALUE;
        for (int i = 0; i < tape.size(); i++) {
            minAt = Math.min(minAt, tape.occurredAtMillis(i));
            maxAt = Math.max(maxAt, tape.occurredAtMillis(i));
        }
        LocalDate first = LocalDate.ofInstant(Instant.ofEpochMilli(minAt), Recount.CHINA);
        LocalDate last = LocalDate.ofInstant(Instant.ofEpochMilli(maxAt), Recount.CHINA);
        return new Sample(regions, samplePeriods(first, last, random), first, last);
    }

    /** The recount of the tape for the sampled regions, able to answer up to {@code today}. */
    static Recount recount(Sample sample, EventTape tape, RegionTable table, LocalDate today) {
        LocalDate end = sample.last().isAfter(today) ? sample.last() : today;
        return new Recount(table, sample.regions(), sample.first().minusDays(1), end.plusDays(1)).add(tape);
    }

    /**
     * @param topic      the totals topic; null skips the topic check
     * @param topicKinds the period kinds the topic must carry (see {@link #DEFAULT_TOPIC_KINDS})
     * @param settle     how long the topic may take to equal the recount once the state has: today's app republishes a
     *                   stock changed in the past and slides trailing windows on its refresh cycle, so a topic read
     *                   right after the state caught up may lag by one cycle. It is read again every 2 s until it
     *                   agrees or this time has passed; the mismatches of the last read count.
     * @param clock      the clock of the streams app: "today" for trailing windows, all time and stocks
     */
    static Outcome run(Sample sample, EventTape tape, RegionTable table, TotalsQuery query, TopicValues topic,
                       Set<String> topicKinds, Duration settle, Clock clock, Progress progress) {
        long started = System.nanoTime();
        LocalDate today = LocalDate.now(clock.withZone(Recount.CHINA));
        Recount recount = recount(sample, tape, table, today);
        List<Mismatch> examples = new ArrayList<>();
        Tally byQuery = new Tally("query", examples);
        for (String region : sample.regions()) {
            for (String indicator : Recount.indicators()) {
                for (String period : sample.periods()) {
                    Recount.Expected expected = recount.expected(region, indicator, period, today);
                    TotalValue actual = ask(query, region, indicator, period);
                    byQuery.check(region, indicator, period, agree(expected, actual), describe(expected), describe(actual));
                }
            }
        }
        List<Mismatch> topicExamples = new ArrayList<>();
        Tally onTopic = new Tally("topic", topicExamples);
        Double settled = null;
        if (topic != null) {
            long topicStart = System.nanoTime();
            long deadline = topicStart + settle.toNanos();
            for (int read = 1; ; read++) {
                topicExamples.clear();
                onTopic = new Tally("topic", topicExamples);
                checkTopic(recount, sample, topic.read(), topicKinds, today, onTopic);
                if (onTopic.mismatches == 0) {
                    settled = Throughput.round((System.nanoTime() - topicStart) / 1e9, 3);
                    break;
                }
                if (System.nanoTime() > deadline) break;
                if (read == 1) {
                    progress.line("recount: totals topic: %,d mismatches at the first read (e.g. %s); reading it again every 2 s for up to %d s "
                            + "(the app's refresh cycle)", onTopic.mismatches, topicExamples.get(0), settle.toSeconds());
                }
                PipelinePhase.sleep(2_000);
            }
            examples.addAll(topicExamples);
        }
        if (!LocalDate.now(clock.withZone(Recount.CHINA)).equals(today)) {
            progress.line("recount: the day turned during the check; trailing windows may differ for that reason alone");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        progress.line("recount: %,d cases recounted; query API: %,d totals checked (%d regions x %d indicators x %d periods), %d mismatch%s; "
                        + "totals topic: %,d checked (%s), %d mismatch%s%s; %.1f s",
                recount.cases(), byQuery.checked, sample.regions().size(), Recount.indicators().size(), sample.periods().size(),
                byQuery.mismatches, byQuery.mismatches == 1 ? "" : "es", onTopic.checked,
                topic == null ? "skipped" : "expected kinds " + String.join(",", new java.util.TreeSet<>(topicKinds)),
                onTopic.mismatches, onTopic.mismatches == 1 ? "" : "es",
                settled != null && settled > 0 ? String.format(Locale.ROOT, " (equal to the recount %.1f s after the first read)", settled) : "", seconds);
        for (Mismatch m : examples) progress.line("recount: MISMATCH %s", m);
        return new Outcome(recount.cases(), byQuery.checked + onTopic.checked, byQuery.mismatches + onTopic.mismatches, List.copyOf(examples),
                Throughput.round(seconds, 3), byQuery.checked, byQuery.mismatches, onTopic.checked, onTopic.mismatches, settled);
    }

    /**
     * The totals topic against the recount: every latest value of a sampled region must agree (a total the recount
     * does not know, or one that should be zero, is a mismatch), and every nonzero total of the expected kinds must be
     * there.
     */
    static void checkTopic(Recount recount, Sample sample, Map<String, TotalValue> latest, Set<String> kinds, LocalDate today, Tally tally) {
        Set<String> regions = Set.copyOf(sample.regions());
        Set<String> indicators = Set.copyOf(Recount.indicators());
        for (Map.Entry<String, TotalValue> e : new java.util.TreeMap<>(latest).entrySet()) {
            String[] parts = e.getKey().split("\\|", -1);
            if (parts.length != 3 || !regions.contains(parts[0])) continue;
            Recount.Expected expected;
            try {
                if (!indicators.contains(parts[1])) throw new IllegalArgumentException("unknown indicator");
                expected = recount.expected(parts[0], parts[1], parts[2], today);
            } catch (RuntimeException unknown) {
                tally.check(parts[0], parts[1], parts[2], false, "no such total (" + unknown.getMessage() + ")", describe(e.getValue()));
                continue;
            }
            tally.check(parts[0], parts[1], parts[2], agree(expected, e.getValue()), describe(expected), describe(e.getValue()));
        }
        for (String region : sample.regions()) {
            for (String indicator : Recount.indicators()) {
                for (String period : periodsOf(kinds, sample.first(), sample.last())) {
                    if (latest.containsKey(region + "|" + indicator + "|" + period)) continue; // compared above
                    Recount.Expected expected = recount.expected(region, indicator, period, today);
                    if (!required(recount, region, indicator, period, expected, today)) continue;
                    tally.check(region, indicator, period, false, describe(expected), "nothing (missing on the topic)");
                }
            }
        }
    }

    /** Whether the topic must carry this total: it is nonzero (a stock, for a calendar period, only if it moved in it). */
    private static boolean required(Recount recount, String region, String indicator, String period, Recount.Expected expected, LocalDate today) {
        boolean nonzero = expected.denominator() == null ? expected.value() != 0
                : expected.denominator() != 0 || expected.numerator() != 0;
        if (!nonzero) return false;
        if (!Recount.isStock(indicator) || period.equals("all") || period.startsWith("trailing:")) return true;
        return recount.stockChange(region, indicator, period, today) != 0;
    }

    /** Every period of the kinds between two days (trailing windows and all time included when expected). */
    static List<String> periodsOf(Set<String> kinds, LocalDate first, LocalDate last) {
        LinkedHashSet<String> periods = new LinkedHashSet<>();
        if (kinds.contains("all")) periods.add("all");
        if (kinds.contains("trailing")) for (int d : TRAILING_DAYS) periods.add("trailing:" + d + "d");
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            if (kinds.contains("day")) periods.add("day:" + d);
            if (kinds.contains("month")) periods.add("month:" + YearMonth.from(d));
            if (kinds.contains("quarter")) periods.add("quarter:" + d.getYear() + "Q" + ((d.getMonthValue() - 1) / 3 + 1));
            if (kinds.contains("year")) periods.add("year:" + d.getYear());
        }
        return List.copyOf(periods);
    }

    /** Period kinds from a comma-separated list, e.g. {@code month,quarter,year,all,trailing}. */
    static Set<String> parseKinds(String text) {
        Set<String> kinds = new java.util.TreeSet<>();
        for (String k : text.split(",")) {
            String kind = k.trim().toLowerCase(Locale.ROOT);
            if (kind.isEmpty()) continue;
            if (!PERIOD_KINDS.contains(kind)) {
                throw new IllegalArgumentException("--topic-periods: unknown period kind '" + k.trim() + "' (known: " + String.join(", ", PERIOD_KINDS) + ")");
            }
            kinds.add(kind);
        }
        return Set.copyOf(kinds);
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
        if (actual == null) return false;
        if (expected.denominator() == null) {
            return actual.value() != null && actual.value() == expected.value();
        }
        if (!Objects.equals(expected.numerator(), actual.numerator()) || !Objects.equals(expected.denominator(), actual.denominator())) {
            return false;
        }
        if (expected.denominator() == 0) return actual.value() == null || actual.value().isNaN();
        return actual.value() != null && Math.abs(actual.value() - expected.value()) < 1e-9;
    }

    static String describe(Recount.Expected e) {
        return e.denominator() == null ? Long.toString((long) e.value()) : e.numerator() + "/" + e.denominator();
    }

    static String describe(TotalValue v) {
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
        all.add(Recount.NATION);
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
