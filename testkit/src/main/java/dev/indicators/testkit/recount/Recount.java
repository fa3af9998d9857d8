package dev.indicators.testkit.recount;

import dev.indicators.contract.EventType;
import dev.indicators.contract.region.Region;
import dev.indicators.contract.region.RegionCode;
import dev.indicators.contract.region.RegionTable;
import org.apache.avro.specific.SpecificRecord;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The project's one batch recount of events (the oracle of the streams tests, the producer tests and the bench's
 * verdict "totals = batch recount"): group the events by case, order each case's events by {@code occurredAt} (then
 * arrival), decide what the case counts and on which day by {@link RecountRules}, in the region of its latest event;
 * then sum those counts per region (with every region below it, by the region table) and day. Any (region, indicator,
 * period) can then be answered: counts summed over the period, stocks read at its end, rates as numerator and
 * denominator.
 *
 * <p>Two ways in: {@link #of(RegionTable, List)} for a list of events as they arrived (re-sends and re-used ids
 * included: the first event of an eventId stands), every region answerable; or {@link #Recount(RegionTable, List,
 * LocalDate, LocalDate)} and {@link #add(EventTape)} for millions of events and a few sampled regions (the bench).
 */
public final class Recount {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    public static final String NATION = RegionCode.NATION.value();

    /** What the pipeline should answer: a count or stock ({@code numerator}/{@code denominator} null) or a rate. */
    public record Expected(double value, Long numerator, Long denominator) {
        public static Expected count(long n) {
            return new Expected(n, null, null);
        }

        public static Expected rate(long numerator, long denominator) {
            return new Expected(denominator == 0 ? Double.NaN : (double) numerator / denominator, numerator, denominator);
        }

        public boolean isRate() {
            return denominator != null;
        }
    }

    private static final List<String> COUNTS = RecountRules.counts();
    private static final List<String> STOCKS = RecountRules.stocks();
    private static final Map<String, RecountRules.Rate> RATES = RecountRules.rates();

    private final RegionTable table;
    /** the regions answered, or null for every region the events reach */
    private final Set<String> sampled;
    private final Map<String, Integer> slotOf = new HashMap<>();
    private final Map<String, Integer> indicatorOf = new HashMap<>();
    private final Map<String, int[]> slotsByEventRegion = new HashMap<>();
    private final long firstDay;
    private final int days;
    /** slot → indicator (COUNTS then STOCKS) → the counts by day, then (after add) their running sums */
    private final List<DaySeries[]> series = new ArrayList<>();
    private boolean added;
    private long cases;

    /**
     * @param sampledRegions the regions totals will be asked for; null for every region the events reach
     * @param firstDay       the earliest day an event may be dated
     * @param lastDay        the latest day an event may be dated (a question may end later)
     */
    public Recount(RegionTable table, List<String> sampledRegions, LocalDate firstDay, LocalDate lastDay) {
        this.table = table;
        this.sampled = sampledRegions == null ? null : Set.copyOf(sampledRegions);
        if (sampledRegions != null) for (String r : sampledRegions) slotOf.computeIfAbsent(r, k -> newSlot());
        int i = 0;
        for (String c : COUNTS) indicatorOf.put(c, i++);
        for (String s : STOCKS) indicatorOf.put(s, i++);
        this.firstDay = firstDay.toEpochDay();
        this.days = (int) (lastDay.toEpochDay() - this.firstDay + 1);
        if (days < 1) throw new IllegalArgumentException("lastDay " + lastDay + " before firstDay " + firstDay);
    }

    /** The recount of events in their arrival order; the first event of each eventId stands, later ones are ignored. */
    public static Recount of(RegionTable table, List<? extends SpecificRecord> arrivals) {
        EventTape tape = EventTape.forAnyCases();
        Set<String> ids = new HashSet<>();
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (SpecificRecord e : arrivals) {
            if (!ids.add(e.get(e.getSchema().getField("eventId").pos()).toString())) continue; // a re-send, or a re-used id
            tape.record(e);
            long at = EventTape.occurredAtMillis(e);
            min = Math.min(min, at);
            max = Math.max(max, at);
        }
        LocalDate first = tape.size() == 0 ? LocalDate.of(2000, 1, 1) : LocalDate.ofInstant(Instant.ofEpochMilli(min), CHINA);
        LocalDate last = tape.size() == 0 ? first : LocalDate.ofInstant(Instant.ofEpochMilli(max), CHINA);
        return new Recount(table, null, first, last).add(tape);
    }

    /**
     * What one case counts for, keyed {@code region|indicator|day} (+1, or -1 for a stock that ends; zero sums left
     * out), from its distinct events in arrival order: for a differential test of one case at a time.
     */
    public static Map<String, Integer> countCase(List<? extends SpecificRecord> distinctInArrivalOrder) {
        List<CaseStep> timeline = new ArrayList<>();
        for (int i = 0; i < distinctInArrivalOrder.size(); i++) timeline.add(new RecordStep(distinctInArrivalOrder.get(i), i));
        timeline.sort((x, y) -> Long.compare(x.occurredAtMillis(), y.occurredAtMillis())); // stable: arrival on a tie
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        if (timeline.isEmpty()) return counts;
        RecountRules.count(EventType.require(distinctInArrivalOrder.get(0)), timeline, (region, indicator, day, delta) -> {
            String key = region + "|" + indicator + "|" + day;
            if (counts.merge(key, delta, Integer::sum) == 0) counts.remove(key);
        });
        return counts;
    }

    /** The regions answered (null: every region). */
    public Set<String> sampledRegions() {
        return sampled;
    }

    /** How many cases were recounted. */
    public long cases() {
        return cases;
    }

    /** Counts every case of the tape (once: a recount reads one tape). */
    public Recount add(EventTape tape) {
        if (added) throw new IllegalStateException("a recount reads one tape");
        added = true;
        int[][] grouped = tape.byCase();
        int[] start = grouped[0];
        int[] order = grouped[1];
        int[] events = new int[16];
        RecountRules.Tally tally = this::tally;
        for (int c = 0; c + 1 < start.length; c++) {
            int n = start[c + 1] - start[c];
            if (n == 0) continue;
            if (events.length < n) events = new int[Math.max(n, events.length * 2)];
            System.arraycopy(order, start[c], events, 0, n);
            sortByOccurredAt(tape, events, n);
            cases++;
            RecountRules.count(tape.type(events[0]), timeline(tape, events, n), tally);
        }
        for (DaySeries[] bySlot : series) {
            for (DaySeries s : bySlot) if (s != null) s.finish();
        }
        return this;
    }

    private static List<CaseStep> timeline(EventTape tape, int[] events, int n) {
        return new AbstractList<>() {
            @Override
            public CaseStep get(int index) {
                return new TapeStep(tape, events[index]);
            }

            @Override
            public int size() {
                return n;
            }
        };
    }

    /** Insertion sort, stable: earlier occurredAt first, arrival order on a tie (so the last of a slot wins). */
    private static void sortByOccurredAt(EventTape tape, int[] events, int n) {
        for (int i = 1; i < n; i++) {
            int e = events[i];
            long at = tape.occurredAtMillis(e);
            int j = i - 1;
            while (j >= 0 && tape.occurredAtMillis(events[j]) > at) {
                events[j + 1] = events[j];
                j--;
            }
            events[j + 1] = e;
        }
    }

    private int newSlot() {
        series.add(new DaySeries[COUNTS.size() + STOCKS.size()]);
        return series.size() - 1;
    }

    private void tally(String region, String indicator, LocalDate day, int delta) {
        int[] slots = slotsByEventRegion.computeIfAbsent(region, this::slotsOf);
        if (slots.length == 0) return;
        long d = day.toEpochDay() - firstDay;
        if (d < 0 || d >= days) throw new IllegalStateException("event dated " + day + " outside the recount's days");
        Integer ind = indicatorOf.get(indicator);
        if (ind == null) throw new IllegalStateException("the recount's rules count " + indicator + ", which they do not list");
        for (int slot : slots) {
            DaySeries[] bySlot = series.get(slot);
            if (bySlot[ind] == null) bySlot[ind] = sampled == null ? DaySeries.sparse() : DaySeries.dense(days);
            bySlot[ind].add((int) d, delta);
        }
    }

    /** The answered regions among the region and its ancestors. */
    private int[] slotsOf(String code) {
        Region region = table.find(code).orElseThrow(() -> new IllegalStateException("event in region " + code + " not in the table"));
        List<Integer> slots = new ArrayList<>();
        for (Region r = region; r != null; r = table.parentOf(r).orElse(null)) {
            String c = r.code().value();
            Integer slot = sampled == null ? slotOf.computeIfAbsent(c, k -> newSlot()) : slotOf.get(c);
            if (slot != null && !slots.contains(slot)) slots.add(slot);
        }
        return slots.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The recount's answer for a region, as read on {@code today} (Asia/Shanghai). */
    public Expected expected(String region, String indicator, String period, LocalDate today) {
        Integer slot = slotOf(region);
        long[] bounds = bounds(period, today);
        RecountRules.Rate rate = RATES.get(indicator);
        if (rate != null) return Expected.rate(sum(slot, rate.numerator(), bounds), sum(slot, rate.denominator(), bounds));
        Integer ind = indicatorOf.get(indicator);
        if (ind == null) throw new IllegalArgumentException("unknown indicator " + indicator);
        // a stock is read at the end of the period (today for trailing windows and all time)
        if (ind >= COUNTS.size()) return Expected.count(upTo(series(slot, ind), bounds[1]));
        return Expected.count(between(series(slot, ind), bounds[0], bounds[1]));
    }

    /** The count of a region as read on {@code today}: a shorthand of {@link #expected} for counts and stocks. */
    public long count(String region, String indicator, String period, LocalDate today) {
        Expected e = expected(region, indicator, period, today);
        if (e.isRate()) throw new IllegalArgumentException(indicator + " is a rate");
        return (long) e.value();
    }

    /** The net change of a stock ({@code certificates.active}) of a region within a period. */
    public long stockChange(String region, String stock, String period, LocalDate today) {
        Integer ind = indicatorOf.get(stock);
        if (ind == null || ind < COUNTS.size()) throw new IllegalArgumentException(stock + " is not a stock");
        long[] bounds = bounds(period, today);
        return between(series(slotOf(region), ind), bounds[0], bounds[1]);
    }

    private Integer slotOf(String region) {
        if (!added) throw new IllegalStateException("nothing recounted yet: add a tape first");
        Integer slot = slotOf.get(region);
        if (slot == null && sampled != null) throw new IllegalArgumentException("region " + region + " was not sampled");
        return slot; // null: a region no event reached, which answers 0
    }

    private DaySeries series(Integer slot, int indicator) {
        return slot == null ? null : series.get(slot)[indicator];
    }

    private long sum(Integer slot, List<String> counts, long[] bounds) {
        long total = 0;
        for (String c : counts) total += between(series(slot, indicatorOf.get(c)), bounds[0], bounds[1]);
        return total;
    }

    private long between(DaySeries s, long fromDay, long toDay) {
        return upTo(s, toDay) - upTo(s, fromDay - 1);
    }

    private long upTo(DaySeries s, long epochDay) {
        if (s == null) return 0;
        long d = epochDay - firstDay;
        if (d < 0) return 0;
        return s.upTo((int) Math.min(d, days - 1));
    }

    /** First and last epoch day of a period text ({@code day:2017-03-02}, {@code month:2017-03}, ...) read on {@code today}. */
    public static long[] bounds(String period, LocalDate today) {
        if (period.equals("all")) return new long[]{Long.MIN_VALUE / 4, today.toEpochDay()};
        int colon = period.indexOf(':');
        if (colon < 0) throw new IllegalArgumentException("unknown period " + period);
        String kind = period.substring(0, colon);
        String v = period.substring(colon + 1);
        LocalDate first;
        LocalDate last;
        switch (kind) {
            case "day" -> first = last = LocalDate.parse(v);
            case "month" -> {
                first = LocalDate.parse(v + "-01");
                last = first.plusMonths(1).minusDays(1);
            }
            case "quarter" -> {
                first = LocalDate.of(Integer.parseInt(v.substring(0, 4)), 3 * Integer.parseInt(v.substring(5)) - 2, 1);
                last = first.plusMonths(3).minusDays(1);
            }
            case "year" -> {
                first = LocalDate.of(Integer.parseInt(v), 1, 1);
                last = LocalDate.of(Integer.parseInt(v), 12, 31);
            }
            case "trailing" -> {
                first = today.minusDays(Integer.parseInt(v.substring(0, v.length() - 1)) - 1L);
                last = today;
            }
            default -> throw new IllegalArgumentException("unknown period " + period);
        }
        return new long[]{first.toEpochDay(), last.toEpochDay()};
    }

    /** Every indicator the recount answers: counts, stocks, rates, of every event type. */
    public static List<String> indicators() {
        return RecountRules.indicators();
    }

    /** Whether an indicator is a stock (read at the end of a period). */
    public static boolean isStock(String indicator) {
        return STOCKS.contains(indicator);
    }

    /** Whether an indicator is a rate. */
    public static boolean isRate(String indicator) {
        return RATES.containsKey(indicator);
    }

    /** An event of the tape seen as a step of its case. */
    private record TapeStep(EventTape tape, int i) implements CaseStep {
        @Override
        public String region() {
            return tape.region(i);
        }

        @Override
        public long occurredAtMillis() {
            return tape.occurredAtMillis(i);
        }

        @Override
        public String symbol(String field) {
            return tape.symbol(i, field);
        }

        @Override
        public boolean flag(String field) {
            return tape.flag(i, field);
        }
    }

    /** A typed event seen as a step of its case. */
    private record RecordStep(SpecificRecord event, int arrival) implements CaseStep {
        @Override
        public String region() {
            return value("regionCode").toString();
        }

        @Override
        public long occurredAtMillis() {
            return EventTape.occurredAtMillis(event);
        }

        @Override
        public String symbol(String field) {
            Object v = value(field);
            return v == null ? null : v.toString();
        }

        @Override
        public boolean flag(String field) {
            return Boolean.TRUE.equals(value(field));
        }

        private Object value(String field) {
            var f = event.getSchema().getField(field);
            if (f == null) throw new IllegalArgumentException(event.getSchema().getName() + " has no field " + field);
            return event.get(f.pos());
        }
    }
}
