package dev.indicators.producer.simulate;

import dev.indicators.contract.avro.CertificateAction;
import dev.indicators.contract.avro.CertificateEvent;
import dev.indicators.contract.avro.DisputeCategory;
import dev.indicators.contract.avro.MediationEvent;
import dev.indicators.contract.avro.MediationStatus;
import dev.indicators.contract.avro.MediationType;
import dev.indicators.contract.avro.ReconsiderationEvent;
import dev.indicators.contract.avro.ReconsiderationOutcome;
import dev.indicators.contract.avro.ReconsiderationStage;
import dev.indicators.contract.region.Region;
import dev.indicators.contract.region.RegionLevel;
import dev.indicators.contract.region.RegionTable;
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
 * <ul>
 *   <li><b>Reconsideration</b>: APPLIED, 1-5 days later ACCEPTED (55%) / REJECTED (15%) / CORRECTION_REQUESTED (30%);
 *       of the accepted, 85% CONCLUDED 10-60 days later with Qingpu's outcome mix (upheld 47%, dismissed 15%,
 *       terminated 20%, revoked 15%, confirmed illegal 3%), 3% WITHDRAWN, the rest still open.</li>
 *   <li><b>Mediation</b>: RECEIVED, 0-30 days later SUCCEEDED (95%; a signed agreement in 85% of those) or FAILED;
 *       1% WITHDRAWN. Mostly people's mediation, disputes mostly between neighbours and in families.</li>
 *   <li><b>Certificates</b>: ISSUED, then an annual review about every 365 days (96% passed); a failed review is
 *       followed by a suspension half the time; a few certificates are suspended between reviews; a suspension ends
 *       REINSTATED (70%) or REVOKED.</li>
 * </ul>
 * Case starts are spread over [{@code from}, {@code to}] (office hours, mostly weekdays, Asia/Shanghai); follow-ups
 * that would fall after {@code to} are not generated (the case stays open). Exactly {@code n} events are produced,
 * each case's events in time order and the whole stream nearly chronological. Memory holds only open cases, never
 * the events. Regions: the table's counties, plus cities with no county of their own in the table, weighted unevenly
 * (some regions are busier). Ids are stable for a seed: caseId {@code MD-310118-s42-00000017}, eventId
 * {@code sim42-00000017-2}, certificateNo {@code ZF-310118-s42-00000019}.
 */
public final class CaseSimulator {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** Shares of new cases by type. */
    public record Mix(double reconsideration, double mediation, double certificate) {
        public static Mix defaults() {
            return new Mix(0.20, 0.65, 0.15);
        }
    }

    private static final double EVENTS_PER_CASE = 2.2; // for pacing case starts; corrected as the run goes

    private final List<Region> regions;
    private final double[] cumulativeWeight;
    private final long seed;
    private final Instant from;
    private final Instant to;
    private final Mix mix;

    public CaseSimulator(List<Region> regions, long seed, Instant from, Instant to, Mix mix) {
        if (regions.isEmpty()) throw new IllegalArgumentException("no regions to simulate");
        if (!from.isBefore(to)) throw new IllegalArgumentException("from " + from + " must be before to " + to);
        this.regions = List.copyOf(regions);
        this.seed = seed;
        this.from = from;
        this.to = to;
        this.mix = mix;
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        cumulativeWeight = new double[this.regions.size()];
        double sum = 0;
        for (int i = 0; i < cumulativeWeight.length; i++) {
            double u = r.nextDouble();
            sum += 0.3 + 2.7 * u * u; // a few busy regions, many quiet ones
            cumulativeWeight[i] = sum;
        }
    }

    public CaseSimulator(List<Region> regions, long seed, Instant from, Instant to) {
        this(regions, seed, from, to, Mix.defaults());
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

    private enum Kind { RECONSIDERATION, MEDIATION, CERTIFICATE }

    /** One open case: its next event's time and what it needs to generate the rest. */
    private final class Case implements Comparable<Case> {
        final Kind kind;
        final long no;
        final Region region;
        final SplittableRandom random;
        final MediationType mediationType;
        final DisputeCategory category;
        final String holderAgency;
        Instant next;
        int step;            // events emitted so far
        Object state;        // the stage / status / action of the next event
        ReconsiderationOutcome outcome;
        Boolean agreement;
        Instant anniversary; // certificates: next annual review

        Case(Kind kind, long no, Region region, Instant start) {
            this.kind = kind;
            this.no = no;
            this.region = region;
            this.random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + no);
            this.next = start;
            this.mediationType = kind == Kind.MEDIATION ? pick(random, MEDIATION_TYPES, MEDIATION_TYPE_WEIGHTS) : null;
            this.category = kind == Kind.MEDIATION ? pick(random, CATEGORIES, CATEGORY_WEIGHTS) : null;
            this.holderAgency = kind == Kind.CERTIFICATE ? HOLDER_AGENCIES[random.nextInt(HOLDER_AGENCIES.length)] + "-" + region.code().value() : null;
            this.state = switch (kind) {
                case RECONSIDERATION -> ReconsiderationStage.APPLIED;
                case MEDIATION -> MediationStatus.RECEIVED;
                case CERTIFICATE -> CertificateAction.ISSUED;
            };
        }

        @Override
        public int compareTo(Case o) {
            int c = next.compareTo(o.next);
            return c != 0 ? c : Long.compare(no, o.no);
        }

        String caseKey() {
            String code = region.code().value();
            String prefix = switch (kind) {
                case RECONSIDERATION -> "RC-";
                case MEDIATION -> "MD-";
                case CERTIFICATE -> "ZF-";
            };
            return prefix + code + "-s" + seed + "-" + pad8(no);
        }

        /** The current event; then moves to the next one (returns false when the case has no more events). */
        SpecificRecord emit() {
            step++;
            String eventId = "sim" + seed + "-" + pad8(no) + "-" + step;
            String code = region.code().value();
            SpecificRecord e = switch (kind) {
                case RECONSIDERATION -> new ReconsiderationEvent(eventId, code, "gov-" + code, next, caseKey(),
                        (ReconsiderationStage) state, state == ReconsiderationStage.CONCLUDED ? outcome : null);
                case MEDIATION -> new MediationEvent(eventId, code, "justice-" + code, next, caseKey(), (MediationStatus) state,
                        mediationType, category, state == MediationStatus.SUCCEEDED ? agreement : null);
                case CERTIFICATE -> new CertificateEvent(eventId, code, "justice-" + code, next, caseKey(), holderAgency, (CertificateAction) state);
            };
            return e;
        }

        /** Plans the next event; false when the case is finished (or its next event would fall after {@code to}). */
        boolean advance() {
            Instant previous = next;
            Object s = state;
            SplittableRandom r = random;
            switch (kind) {
                case RECONSIDERATION -> {
                    if (s == ReconsiderationStage.APPLIED) {
                        double u = r.nextDouble();
                        state = u < 0.55 ? ReconsiderationStage.ACCEPTED : u < 0.70 ? ReconsiderationStage.REJECTED : ReconsiderationStage.CORRECTION_REQUESTED;
                        next = later(previous, 1, 5, r);
                    } else if (s == ReconsiderationStage.ACCEPTED) {
                        double u = r.nextDouble();
                        if (u < 0.85) {
                            state = ReconsiderationStage.CONCLUDED;
                            outcome = pick(r, OUTCOMES, OUTCOME_WEIGHTS);
                            next = later(previous, 10, 60, r);
                        } else if (u < 0.88) {
                            state = ReconsiderationStage.WITHDRAWN;
                            next = later(previous, 5, 40, r);
                        } else {
                            return false;
                        }
                    } else {
                        return false;
                    }
                }
                case MEDIATION -> {
                    if (s != MediationStatus.RECEIVED) return false;
                    double u = r.nextDouble();
                    if (u < 0.01) {
                        state = MediationStatus.WITHDRAWN;
                    } else if (r.nextDouble() < 0.95) {
                        state = MediationStatus.SUCCEEDED;
                        agreement = r.nextDouble() < 0.85;
                    } else {
                        state = MediationStatus.FAILED;
                    }
                    int maxDays = r.nextDouble() < 0.7 ? 10 : 30;
                    next = later(previous, 0, maxDays, r);
                }
                case CERTIFICATE -> {
                    if (s == CertificateAction.ISSUED || s == CertificateAction.REINSTATED) {
                        if (anniversary == null) anniversary = previous.plus(Duration.ofDays(365));
                        while (!anniversary.isAfter(previous)) anniversary = anniversary.plus(Duration.ofDays(365));
                        if (r.nextDouble() < 0.015) {
                            state = CertificateAction.SUSPENDED;
                            next = between(previous, anniversary, r);
                        } else {
                            review(r, previous);
                        }
                    } else if (s == CertificateAction.ANNUAL_REVIEW_PASSED) {
                        anniversary = anniversary.plus(Duration.ofDays(365));
                        review(r, previous);
                    } else if (s == CertificateAction.ANNUAL_REVIEW_FAILED) {
                        anniversary = anniversary.plus(Duration.ofDays(365));
                        if (r.nextDouble() < 0.5) {
                            state = CertificateAction.SUSPENDED;
                            next = later(previous, 10, 30, r);
                        } else {
                            review(r, previous);
                        }
                    } else if (s == CertificateAction.SUSPENDED) {
                        state = r.nextDouble() < 0.7 ? CertificateAction.REINSTATED : CertificateAction.REVOKED;
                        next = later(previous, 30, 120, r);
                    } else {
                        return false; // revoked
                    }
                }
            }
            return !next.isAfter(to);
        }

        private void review(SplittableRandom r, Instant previous) {
            state = r.nextDouble() < 0.96 ? CertificateAction.ANNUAL_REVIEW_PASSED : CertificateAction.ANNUAL_REVIEW_FAILED;
            next = officeHours(anniversary.plus(Duration.ofDays(r.nextInt(-20, 21))), r);
            if (!next.isAfter(previous)) next = previous.plus(Duration.ofDays(1));
        }
    }

    private static String pad8(long n) {
        String s = Long.toString(n);
        return s.length() >= 8 ? s : "00000000".substring(s.length()) + s;
    }

    /** Office hours on a day {@code minDays..maxDays} after {@code t}, strictly after it. */
    private static Instant later(Instant t, int minDays, int maxDays, SplittableRandom r) {
        Instant day = t.plus(Duration.ofDays(minDays + r.nextInt(maxDays - minDays + 1)));
        Instant at = officeHours(day, r);
        return at.isAfter(t) ? at : t.plus(Duration.ofMinutes(10 + r.nextInt(120)));
    }

    private static Instant between(Instant a, Instant b, SplittableRandom r) {
        long span = Math.max(1, Duration.between(a, b).toMinutes());
        Instant at = officeHours(a.plus(Duration.ofMinutes(r.nextLong(span))), r);
        return at.isAfter(a) ? at : a.plus(Duration.ofMinutes(30));
    }

    /** The same date (moved off the weekend 9 times in 10), at a time between 08:30 and 17:30 in Asia/Shanghai. */
    static Instant officeHours(Instant t, SplittableRandom r) {
        ZonedDateTime z = t.atZone(CHINA);
        if (z.getDayOfWeek() == DayOfWeek.SATURDAY || z.getDayOfWeek() == DayOfWeek.SUNDAY) {
            if (r.nextDouble() < 0.9) z = z.plusDays(z.getDayOfWeek() == DayOfWeek.SATURDAY ? 2 : 1);
        }
        int minute = 8 * 60 + 30 + r.nextInt(9 * 60);
        return z.with(LocalTime.of(minute / 60, minute % 60, r.nextInt(60))).toInstant();
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
            double u = random.nextDouble();
            Kind kind = u < mix.reconsideration() ? Kind.RECONSIDERATION
                    : u < mix.reconsideration() + mix.mediation() ? Kind.MEDIATION : Kind.CERTIFICATE;
            Region region = regions.get(regionIndex(random.nextDouble() * cumulativeWeight[cumulativeWeight.length - 1]));
            Instant first = officeHours(at, random);
            if (first.isAfter(to) || first.isBefore(from)) first = at;
            cases++;
            open.add(new Case(kind, cases, region, first));
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

    private static <T> T pick(SplittableRandom r, T[] values, double[] weights) {
        double u = r.nextDouble();
        double acc = 0;
        for (int i = 0; i < values.length; i++) {
            acc += weights[i];
            if (u < acc) return values[i];
        }
        return values[values.length - 1];
    }

    private static final ReconsiderationOutcome[] OUTCOMES = {ReconsiderationOutcome.UPHELD, ReconsiderationOutcome.DISMISSED,
            ReconsiderationOutcome.TERMINATED, ReconsiderationOutcome.REVOKED, ReconsiderationOutcome.CONFIRMED_ILLEGAL};
    private static final double[] OUTCOME_WEIGHTS = {0.47, 0.15, 0.20, 0.15, 0.03};
    private static final MediationType[] MEDIATION_TYPES = {MediationType.PEOPLES, MediationType.ADMINISTRATIVE, MediationType.JUDICIAL, MediationType.INDUSTRY};
    private static final double[] MEDIATION_TYPE_WEIGHTS = {0.80, 0.08, 0.07, 0.05};
    private static final DisputeCategory[] CATEGORIES = {DisputeCategory.NEIGHBOUR, DisputeCategory.FAMILY, DisputeCategory.CONTRACT,
            DisputeCategory.LABOUR, DisputeCategory.OTHER, DisputeCategory.LAND, DisputeCategory.PROPERTY, DisputeCategory.TRAFFIC, DisputeCategory.MEDICAL};
    private static final double[] CATEGORY_WEIGHTS = {0.22, 0.18, 0.12, 0.10, 0.10, 0.09, 0.08, 0.08, 0.03};
    private static final String[] HOLDER_AGENCIES = {"market-regulation", "urban-management", "ecology-environment", "transport",
            "agriculture", "culture-tourism", "emergency-management", "natural-resources", "health", "housing"};
}
