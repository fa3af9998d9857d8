package dev.indicators.producer.simulate;

import dev.indicators.contract.EventType;
import dev.indicators.contract.region.Region;
import dev.indicators.contract.region.RegionLevel;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.contract.simulation.OfficeHours;
import dev.indicators.contract.simulation.SimulatedCase;
import org.apache.avro.specific.SpecificRecord;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Generates realistic case lifecycles for demos and benchmarks, deterministically from a seed.
 * Each event type's descriptor plays its own cases ({@link dev.indicators.contract.EventDescriptor#lifecycle()}: e.g.
 * a reconsideration is APPLIED, then ACCEPTED / REJECTED / CORRECTION_REQUESTED, and so on) and says how often its
 * cases start; this class only decides when and where cases start and interleaves their events.
 * Case starts are spread over [{@code from}, {@code to}] (office hours, mostly weekdays, Asia/Shanghai); follow-ups
 * that would fall after {@code to} are not generated (the case stays open). Exactly {@code n} events are produced,
 * each case's events in time order and the whole stream nearly chronological. Memory holds only open cases, never
 * the events. Regions: the table's counties, plus cities with no county of their own in the table, weighted unevenly
 * (some regions are busier). Ids are stable for a seed: caseId {@code MD-310118-s42-00000017}, eventId
 * {@code sim42-00000017-2}, certificateNo {@code ZF-310118-s42-00000019}.
 */
public final class CaseSimulator {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** The types in their order, and the cumulative shares of new cases (each type's descriptor gives its own). */
    private static final EventType[] TYPES = EventType.values();
    private static final double[] CUMULATIVE_SHARE = new double[TYPES.length];

    static {
        double sum = 0;
        for (EventType t : TYPES) sum += t.descriptor().lifecycle().share();
        double acc = 0;
        for (int i = 0; i < TYPES.length; i++) {
            acc += TYPES[i].descriptor().lifecycle().share() / sum;
            CUMULATIVE_SHARE[i] = acc;
        }
    }

    private static EventType typeAt(double u) {
        for (int i = 0; i < TYPES.length - 1; i++) if (u < CUMULATIVE_SHARE[i]) return TYPES[i];
        return TYPES[TYPES.length - 1];
    }

    private static final double EVENTS_PER_CASE = 2.2; // for pacing case starts; corrected as the run goes

    private final List<Region> regions;
    private final double[] cumulativeWeight;
    private final long seed;
    private final Instant from;
    private final Instant to;

    public CaseSimulator(List<Region> regions, long seed, Instant from, Instant to) {
        if (regions.isEmpty()) throw new IllegalArgumentException("no regions to simulate");
        if (!from.isBefore(to)) throw new IllegalArgumentException("from " + from + " must be before to " + to);
        this.regions = List.copyOf(regions);
        this.seed = seed;
        this.from = from;
        this.to = to;
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        cumulativeWeight = new double[this.regions.size()];
        double sum = 0;
        for (int i = 0; i < cumulativeWeight.length; i++) {
            double u = r.nextDouble();
            sum += 0.3 + 2.7 * u * u; // a few busy regions, many quiet ones
            cumulativeWeight[i] = sum;
        }
    }

    /** The regions where cases happen: every county, and every city (or province) of the table without a county below it. */
    public static List<Region> caseRegions(RegionTable table) {
        List<Region> out = new ArrayList<>();
        java.util.Set<String> hasChildren = new java.util.HashSet<>();
        for (Region r : table.all()) table.parentOf(r).ifPresent(p -> hasChildren.add(p.code().value()));
        for (Region r : table.all()) {
            if (r.level() == RegionLevel.COUNTY) out.add(r);
            else if (r.level() == RegionLevel.CITY && !hasChildren.contains(r.code().value())) out.add(r);
        }
        return out;
    }

    public List<Region> regions() {
        return regions;
    }

    /** Exactly {@code n} events, generated lazily. */
    public Iterator<SpecificRecord> events(long n) {
        return new Generator(n);
    }

    public Stream<SpecificRecord> stream(long n) {
        return StreamSupport.stream(Spliterators.spliterator(events(n), n, Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.SIZED), false);
    }

    /** One open case: its next event's time and the lifecycle that plays it. */
    private final class Case implements Comparable<Case> {
        final long no;
        final SimulatedCase lifecycle;
        Instant next;
        int step;            // events emitted so far

        Case(EventType type, long no, Region region, Instant start) {
            this.no = no;
            String code = region.code().value();
            String caseKey = type.descriptor().lifecycle().caseKeyPrefix() + code + "-s" + seed + "-" + pad8(no);
            this.lifecycle = type.descriptor().lifecycle().open(caseKey, code, new SplittableRandom(seed * 0x9E3779B97F4A7C15L + no));
            this.next = start;
        }

        @Override
        public int compareTo(Case o) {
            int c = next.compareTo(o.next);
            return c != 0 ? c : Long.compare(no, o.no);
        }

        /** The current event. */
        SpecificRecord emit() {
            step++;
            return lifecycle.event("sim" + seed + "-" + pad8(no) + "-" + step, next);
        }

        /** Plans the next event; false when the case is finished (or its next event would fall after {@code to}). */
        boolean advance() {
            Instant planned = lifecycle.advance(next);
            if (planned == null) return false;
            next = planned;
            return !next.isAfter(to);
        }
    }

    private static String pad8(long n) {
        String s = Long.toString(n);
        return s.length() >= 8 ? s : "00000000".substring(s.length()) + s;
    }

    /** The same date (moved off the weekend 9 times in 10), at a time between 08:30 and 17:30 in Asia/Shanghai. */
    static Instant officeHours(Instant t, SplittableRandom r) {
        return OfficeHours.on(t, r);
    }

    private final class Generator implements Iterator<SpecificRecord> {
        private final long n;
        private final SplittableRandom random = new SplittableRandom(seed);
        private final PriorityQueue<Case> open = new PriorityQueue<>();
        private long emitted;
        private long cases;
        private Instant nextStart = from;

        Generator(long n) {
            this.n = n;
        }

        @Override
        public boolean hasNext() {
            return emitted < n;
        }

        @Override
        public SpecificRecord next() {
            if (!hasNext()) throw new NoSuchElementException();
            while (true) {
                Case head = open.peek();
                long remaining = n - emitted - open.size();
                boolean start = head == null || (remaining > 0 && !nextStart.isAfter(head.next) && !nextStart.isAfter(to));
                if (start) {
                    startCase();
                    continue;
                }
                open.poll();
                SpecificRecord e = head.emit();
                emitted++;
                if (head.advance()) open.add(head);
                return e;
            }
        }

        private void startCase() {
            Instant at = nextStart.isAfter(to) ? to : nextStart;
            EventType type = typeAt(random.nextDouble());
            Region region = regions.get(regionIndex(random.nextDouble() * cumulativeWeight[cumulativeWeight.length - 1]));
            Instant first = officeHours(at, random);
            if (first.isAfter(to) || first.isBefore(from)) first = at;
            cases++;
            open.add(new Case(type, cases, region, first));
            // Poisson arrivals paced so that the remaining events fill the remaining time.
            long remaining = Math.max(1, n - emitted - open.size());
            double meanGapMillis = Duration.between(at, to).toMillis() * EVENTS_PER_CASE / remaining;
            long gap = (long) (-Math.log(1 - random.nextDouble()) * meanGapMillis);
            nextStart = at.plusMillis(Math.max(0, gap));
        }

        private int regionIndex(double x) {
            int lo = 0, hi = cumulativeWeight.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cumulativeWeight[mid] < x) lo = mid + 1;
                else hi = mid;
            }
            return lo;
        }
    }

}
