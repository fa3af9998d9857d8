package dev.indicators.testkit.events;

import dev.indicators.contract.avro.CertificateAction;
import dev.indicators.contract.avro.CertificateEvent;
import dev.indicators.contract.avro.CourtLevel;
import dev.indicators.contract.avro.LitigationEvent;
import dev.indicators.contract.avro.LitigationOutcome;
import dev.indicators.contract.avro.LitigationStage;
import dev.indicators.contract.avro.MediationEvent;
import dev.indicators.contract.avro.MediationStatus;
import dev.indicators.contract.avro.ReconsiderationEvent;
import dev.indicators.contract.avro.ReconsiderationOutcome;
import dev.indicators.contract.avro.ReconsiderationStage;
import org.apache.avro.specific.SpecificRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Random event histories from a seed, of all four event types: case lifecycles, amendments (new eventId, same slot,
 * same / later / earlier occurredAt), cases whose later events move region, suits that move to a higher court on
 * appeal, re-sends (same event again), re-used eventIds with different content, all shuffled into one arrival order.
 * The same seed gives the same histories (the property tests print it so that a failure can be replayed).
 */
public final class RandomHistories {

    public static final List<String> REGIONS = List.of("310118", "410212", "511304", "140300", "130600", "310118", "410212");

    private final Random random;
    private final Instant now;
    private final Instant earliest;
    private int serial;

    public RandomHistories(long seed, Instant now, Duration span) {
        this.random = new Random(seed);
        this.now = now;
        this.earliest = now.minus(span);
    }

    /** Histories of so many reconsideration cases, mediation cases, certificates and suits, in one arrival order. */
    public List<SpecificRecord> generate(int reconsiderations, int mediations, int certificates, int suits) {
        List<SpecificRecord> distinct = new ArrayList<>();
        for (int i = 0; i < reconsiderations; i++) distinct.addAll(reconsideration("R" + i));
        for (int i = 0; i < mediations; i++) distinct.addAll(mediation("M" + i));
        for (int i = 0; i < certificates; i++) distinct.addAll(certificate("K" + i));
        for (int i = 0; i < suits; i++) distinct.addAll(litigation("L" + i));

        List<SpecificRecord> arrivals = new ArrayList<>(distinct);
        for (SpecificRecord e : distinct) {
            if (chance(0.3)) arrivals.add(e);
            if (chance(0.1)) arrivals.add(e);
            if (chance(0.04)) arrivals.add(conflicting(e));
        }
        Collections.shuffle(arrivals, random);
        return arrivals;
    }

    private boolean chance(double p) {
        return random.nextDouble() < p;
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private String id(String prefix) {
        return prefix + "-" + (++serial);
    }

    private Instant start() {
        long span = Duration.between(earliest, now).toMinutes();
        Instant t = earliest.plus(Duration.ofMinutes((long) (random.nextDouble() * span)));
        // a quarter of the events sit within an hour of Shanghai midnight
        if (chance(0.25)) t = t.truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(Duration.ofHours(16)).plus(Duration.ofMinutes(random.nextInt(120) - 60));
        return before(t);
    }

    private Instant before(Instant t) {
        return t.isAfter(now.minusSeconds(60)) ? now.minusSeconds(60 + random.nextInt(3600)) : t;
    }

    private Instant after(Instant t, int maxDays) {
        return before(t.plus(Duration.ofMinutes(1 + random.nextInt(Math.max(1, maxDays) * 24 * 60))));
    }

    /** A different time for an amendment: the same (a tie), later or earlier. */
    private Instant amendedTime(Instant t) {
        double r = random.nextDouble();
        if (r < 0.4) return t;
        if (r < 0.7) return after(t, 20);
        return t.minus(Duration.ofMinutes(1 + random.nextInt(20 * 24 * 60)));
    }

    private List<SpecificRecord> reconsideration(String caseId) {
        List<ReconsiderationEvent> events = new ArrayList<>();
        String region = pick(REGIONS);
        Instant t = start();
        if (chance(0.85)) events.add(recon(caseId, region, t, ReconsiderationStage.APPLIED, null));
        if (chance(0.3)) events.add(recon(caseId, region, t = after(t, 5), ReconsiderationStage.CORRECTION_REQUESTED, null));
        double d = random.nextDouble();
        if (d < 0.6) events.add(recon(caseId, region, t = after(t, 15), ReconsiderationStage.ACCEPTED, null));
        else if (d < 0.8) events.add(recon(caseId, region, t = after(t, 15), ReconsiderationStage.REJECTED, null));
        if (d < 0.6 || d >= 0.8 && chance(0.5)) {
            if (chance(0.7)) events.add(recon(caseId, region, t = after(t, 90), ReconsiderationStage.CONCLUDED, chance(0.1) ? null : pick(List.of(ReconsiderationOutcome.values()))));
        }
        if (chance(0.1)) events.add(recon(caseId, region, after(t, 30), ReconsiderationStage.WITHDRAWN, null));
        if (events.isEmpty()) events.add(recon(caseId, region, t, ReconsiderationStage.APPLIED, null));
        int amendments = chance(0.35) ? 1 + random.nextInt(2) : 0;
        for (int i = 0; i < amendments; i++) {
            ReconsiderationEvent base = pick(events);
            ReconsiderationStage stage = base.getStage();
            ReconsiderationOutcome outcome = null;
            if (stage == ReconsiderationStage.CONCLUDED) outcome = pick(List.of(ReconsiderationOutcome.values()));
            else if (stage != ReconsiderationStage.APPLIED && stage != ReconsiderationStage.WITHDRAWN) {
                stage = pick(List.of(ReconsiderationStage.ACCEPTED, ReconsiderationStage.REJECTED, ReconsiderationStage.CORRECTION_REQUESTED));
            }
            events.add(recon(caseId, chance(0.15) ? pick(REGIONS) : base.getRegionCode(), amendedTime(base.getOccurredAt()), stage, outcome));
        }
        return new ArrayList<>(events);
    }

    private ReconsiderationEvent recon(String caseId, String region, Instant at, ReconsiderationStage stage, ReconsiderationOutcome outcome) {
        return new ReconsiderationEvent(id(caseId), region, "dept", at, caseId, stage, outcome);
    }

    private List<SpecificRecord> mediation(String caseId) {
        List<MediationEvent> events = new ArrayList<>();
        String region = pick(REGIONS);
        Instant t = start();
        if (chance(0.85)) events.add(med(caseId, region, t, MediationStatus.RECEIVED, null));
        double r = random.nextDouble();
        if (r < 0.6) events.add(med(caseId, region, t = after(t, 30), MediationStatus.SUCCEEDED, chance(0.7) ? Boolean.TRUE : chance(0.5) ? Boolean.FALSE : null));
        else if (r < 0.8) events.add(med(caseId, region, t = after(t, 30), MediationStatus.FAILED, null));
        if (chance(0.1)) events.add(med(caseId, region, after(t, 10), MediationStatus.WITHDRAWN, null));
        if (events.isEmpty()) events.add(med(caseId, region, t, MediationStatus.RECEIVED, null));
        if (chance(0.35)) {
            MediationEvent base = pick(events);
            MediationStatus status = base.getStatus();
            if (status == MediationStatus.SUCCEEDED || status == MediationStatus.FAILED) status = pick(List.of(MediationStatus.SUCCEEDED, MediationStatus.FAILED));
            Boolean signed = status == MediationStatus.SUCCEEDED ? chance(0.5) : null;
            events.add(med(caseId, chance(0.15) ? pick(REGIONS) : base.getRegionCode(), amendedTime(base.getOccurredAt()), status, signed));
        }
        return new ArrayList<>(events);
    }

    private MediationEvent med(String caseId, String region, Instant at, MediationStatus status, Boolean signed) {
        return new MediationEvent(id(caseId), region, "dept", at, caseId, status, null, null, signed);
    }

    private List<SpecificRecord> certificate(String no) {
        List<CertificateEvent> events = new ArrayList<>();
        String region = pick(REGIONS);
        Instant t = start();
        if (chance(0.9)) events.add(cert(no, region, t, CertificateAction.ISSUED));
        int steps = random.nextInt(5);
        for (int i = 0; i < steps; i++) {
            t = after(t, 120);
            events.add(cert(no, region, t, pick(List.of(CertificateAction.ANNUAL_REVIEW_PASSED, CertificateAction.ANNUAL_REVIEW_PASSED,
                    CertificateAction.ANNUAL_REVIEW_FAILED, CertificateAction.SUSPENDED, CertificateAction.REINSTATED, CertificateAction.REVOKED))));
        }
        if (events.isEmpty()) events.add(cert(no, region, t, CertificateAction.ISSUED));
        if (chance(0.3)) {
            CertificateEvent base = pick(events);
            CertificateAction action = base.getAction();
            if (action == CertificateAction.ANNUAL_REVIEW_PASSED || action == CertificateAction.ANNUAL_REVIEW_FAILED) {
                action = pick(List.of(CertificateAction.ANNUAL_REVIEW_PASSED, CertificateAction.ANNUAL_REVIEW_FAILED));
            }
            events.add(cert(no, chance(0.15) ? pick(REGIONS) : base.getRegionCode(), amendedTime(base.getOccurredAt()), action));
        }
        return new ArrayList<>(events);
    }

    private CertificateEvent cert(String no, String region, Instant at, CertificateAction action) {
        return new CertificateEvent(id(no), region, "dept", at, no, null, action);
    }

    /**
     * A suit (行政应诉): answered (RESPONDED) in the court of first instance, heard up to twice (the second hearing
     * often on appeal in a higher court; the agency head there or not, or not said), concluded with an outcome (or
     * none). Some events name no court; an amendment re-states one of the events with another court, head's
     * appearance or outcome, at the same, a later or an earlier time, now and then in another region.
     */
    private List<SpecificRecord> litigation(String caseId) {
        List<LitigationEvent> events = new ArrayList<>();
        String region = pick(REGIONS);
        Instant t = start();
        CourtLevel court = pick(List.of(CourtLevel.BASIC, CourtLevel.BASIC, CourtLevel.BASIC, CourtLevel.INTERMEDIATE, CourtLevel.HIGH));
        if (chance(0.85)) events.add(suit(caseId, region, t, LitigationStage.RESPONDED, chance(0.8) ? court : null, null, null));
        int hearings = random.nextInt(3);
        for (int i = 0; i < hearings; i++) {
            if (i > 0 && chance(0.5)) court = court == CourtLevel.BASIC ? CourtLevel.INTERMEDIATE : pick(List.of(CourtLevel.HIGH, CourtLevel.SUPREME));
            events.add(suit(caseId, region, t = after(t, 60), LitigationStage.HEARD, chance(0.7) ? court : null, headAppeared(), null));
        }
        if (chance(0.7)) {
            events.add(suit(caseId, region, t = after(t, 90), LitigationStage.CONCLUDED, chance(0.6) ? court : null, null,
                    chance(0.1) ? null : pick(List.of(LitigationOutcome.values()))));
        }
        if (events.isEmpty()) events.add(suit(caseId, region, t, LitigationStage.RESPONDED, null, null, null));
        int amendments = chance(0.35) ? 1 + random.nextInt(2) : 0;
        for (int i = 0; i < amendments; i++) {
            LitigationEvent base = pick(events);
            LitigationStage stage = base.getStage();
            CourtLevel level = chance(0.5) ? base.getCourtLevel() : chance(0.2) ? null : pick(List.of(CourtLevel.values()));
            Boolean head = stage == LitigationStage.HEARD ? headAppeared() : null;
            LitigationOutcome outcome = stage == LitigationStage.CONCLUDED ? pick(List.of(LitigationOutcome.values())) : null;
            events.add(suit(caseId, chance(0.15) ? pick(REGIONS) : base.getRegionCode(), amendedTime(base.getOccurredAt()), stage, level, head, outcome));
        }
        return new ArrayList<>(events);
    }

    private Boolean headAppeared() {
        return chance(0.15) ? null : chance(0.6);
    }

    private LitigationEvent suit(String caseId, String region, Instant at, LitigationStage stage, CourtLevel court, Boolean headAppeared,
                                 LitigationOutcome outcome) {
        return new LitigationEvent(id(caseId), region, "dept", at, caseId, stage, court, headAppeared, outcome);
    }

    /** The same eventId and case with different content. */
    private SpecificRecord conflicting(SpecificRecord e) {
        if (e instanceof ReconsiderationEvent r) {
            ReconsiderationEvent c = ReconsiderationEvent.newBuilder(r).build();
            c.setOccurredAt(amendedTime(r.getOccurredAt()).minusSeconds(1));
            return c;
        }
        if (e instanceof MediationEvent m) {
            MediationEvent c = MediationEvent.newBuilder(m).build();
            c.setDepartment("other-dept");
            return c;
        }
        if (e instanceof LitigationEvent l) {
            LitigationEvent c = LitigationEvent.newBuilder(l).build();
            c.setCourtLevel(l.getCourtLevel() == CourtLevel.SUPREME ? CourtLevel.BASIC : CourtLevel.SUPREME);
            return c;
        }
        CertificateEvent k = CertificateEvent.newBuilder((CertificateEvent) e).build();
        k.setOccurredAt(k.getOccurredAt().minus(Duration.ofDays(400)));
        return k;
    }
}
