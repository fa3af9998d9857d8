package dev.indicators.producer.sample;

import dev.indicators.contract.avro.CertificateAction;
import dev.indicators.contract.avro.CertificateEvent;
import dev.indicators.contract.avro.CourtLevel;
import dev.indicators.contract.avro.DisputeCategory;
import dev.indicators.contract.avro.LitigationEvent;
import dev.indicators.contract.avro.LitigationOutcome;
import dev.indicators.contract.avro.LitigationStage;
import dev.indicators.contract.avro.MediationEvent;
import dev.indicators.contract.avro.MediationStatus;
import dev.indicators.contract.avro.MediationType;
import dev.indicators.contract.avro.ReconsiderationEvent;
import dev.indicators.contract.avro.ReconsiderationOutcome;
import dev.indicators.contract.avro.ReconsiderationStage;
import dev.indicators.contract.region.Region;
import dev.indicators.contract.region.RegionTable;
import org.apache.avro.specific.SpecificRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Year;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Case-level events whose totals reproduce every published COUNT of {@code published-figures.csv} that our event
 * types can express, for the demo and for end-to-end tests.
 * <ul>
 *   <li><b>Reconsideration</b> ({@code reconsideration.*}): one case per application, each APPLIED, then ACCEPTED /
 *       REJECTED / CORRECTION_REQUESTED as published; of the accepted, the published number CONCLUDED with the published
 *       outcomes (Qingpu 2017: 142 = 79 + 21 + 42; 68 concluded = 32 upheld + 10 dismissed + 14 terminated + 10 revoked
 *       + 2 confirmed illegal). Where only accepted cases are published (Yangquan 2019: 8) only those cases exist.</li>
 *   <li><b>Mediation</b> ({@code mediation.received/succeeded/agreements}): one people's-mediation case per received
 *       dispute, then SUCCEEDED or FAILED (every dispute gets a result), agreementSigned on the published number of
 *       successes. Without a published success count the success rate in the note is used:
 *       Yangquan 2019 has 3,281 received at "97.27%": 3,191 succeeded (97.26%) is chosen; no integer count gives
 *       97.27% exactly (3,191 → 97.257%, 3,192 → 97.287%).</li>
 *   <li><b>Litigation</b> ({@code litigation.*}): one suit per responded case, RESPONDED in the published court
 *       (Qingpu 2017: 9 in the district court, 8 in the Second Intermediate Court), the published number of each
 *       court's suits CONCLUDED (5 and 3) with the published outcomes (5 withdrawn, 2 claims dismissed, 1 suit
 *       dismissed). Yangquan 2019 publishes only its 7 suits: 7 RESPONDED naming no court.</li>
 *   <li><b>Certificates</b> ({@code certificates.registered_holders}): that many certificates ISSUED during the year
 *       and left active, so {@code certificates.active} at the year's end equals the figure (as a side effect
 *       {@code certificates.issued} for that year equals it too, which was not published).</li>
 * </ul>
 * Every event of a case lies within the published year (office hours, Asia/Shanghai), in lifecycle order.
 * Ids are deterministic: caseId {@code QP-2017-RC-000142}, eventId {@code qp-2017-rc-000142-applied}.
 * Figures our event types cannot express (legal aid, petitions, arbitration, exams, ...) are listed by
 * {@link #notRepresentable()}.
 */
public final class PublishedFiguresSample {

    /** The published figures shipped with the project, on the class path. */
    public static final String FIGURES_RESOURCE = "/sample/published-figures.csv";
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** One row of published-figures.csv. */
    public record Figure(String regionCode, int year, String indicator, long value, String unit, String note) {
        public String key() {
            return regionCode + "|" + indicator + "|" + year;
        }
    }

    /**
     * A published figure the sample reproduces, under the pipeline's indicator name ({@code certificates.active} for
     * {@code certificates.registered_holders}); {@link #totalKey()} is the totals topic key, {@code region|indicator|year:YYYY}.
     */
    public record Expectation(Figure figure, String indicator, long value) {
        public String totalKey() {
            return figure.regionCode() + "|" + indicator + "|year:" + figure.year();
        }
    }

    private static final Map<String, String> PREFIX = Map.of("310118", "qp", "140300", "yq");
    private static final Pattern RATE = Pattern.compile("success rate[^0-9]*([0-9]+(?:\\.[0-9]+)?)%");

    private final List<Figure> figures;
    private final List<SpecificRecord> events = new ArrayList<>();
    private final List<Expectation> expectations = new ArrayList<>();
    private final List<Figure> notRepresentable = new ArrayList<>();
    private final List<String> assumptions = new ArrayList<>();
    private final RegionTable regions;

    private PublishedFiguresSample(List<Figure> figures, RegionTable regions) {
        this.figures = List.copyOf(figures);
        this.regions = regions;
        build();
    }

    /** The figures bundled with the project ({@value #FIGURES_RESOURCE}, sources in {@code SOURCES.md} beside it), over the bundled region table. */
    public static PublishedFiguresSample load() {
        try (InputStream in = PublishedFiguresSample.class.getResourceAsStream(FIGURES_RESOURCE)) {
            if (in == null) throw new IllegalStateException(FIGURES_RESOURCE + " is missing from the class path (producer jar)");
            return new PublishedFiguresSample(readFigures(new InputStreamReader(in, StandardCharsets.UTF_8), FIGURES_RESOURCE),
                    RegionTable.bundled());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FIGURES_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    static List<Figure> readFigures(Reader reader, String source) throws IOException {
        List<Figure> out = new ArrayList<>();
        BufferedReader in = new BufferedReader(reader);
        String header = in.readLine();
        if (header == null || !header.replace("\uFEFF", "").startsWith("region_code,year,indicator,value")) {
            throw new IllegalArgumentException(source + ": expected header region_code,year,indicator,value,unit,note");
        }
        String line;
        int n = 1;
        while ((line = in.readLine()) != null) {
            n++;
            if (line.isBlank()) continue;
            String[] f = line.split(",", 6);
            if (f.length < 4) throw new IllegalArgumentException(source + " line " + n + ": expected at least 4 columns");
            String note = f.length > 5 ? f[5].trim() : "";
            if (note.length() >= 2 && note.startsWith("\"") && note.endsWith("\"")) note = note.substring(1, note.length() - 1).replace("\"\"", "\"");
            out.add(new Figure(f[0].trim(), Integer.parseInt(f[1].trim()), f[2].trim(), Long.parseLong(f[3].trim()),
                    f.length > 4 ? f[4].trim() : "", note));
        }
        return out;
    }

    public List<Figure> figures() {
        return figures;
    }

    /** The events, cases in order and each case's events in time order (about 32,000 for the bundled reference). */
    public List<SpecificRecord> events() {
        return Collections.unmodifiableList(events);
    }

    /** The published figures the events reproduce. */
    public List<Expectation> expectations() {
        return Collections.unmodifiableList(expectations);
    }

    /** Expected yearly totals by totals-topic key {@code regionCode|indicator|year:YYYY}, e.g. {@code 310118|reconsideration.applied|year:2017 -> 142}. */
    public Map<String, Long> expected() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Expectation e : expectations) m.put(e.totalKey(), e.value());
        return m;
    }

    /** Published figures no event of ours can express. */
    public List<Figure> notRepresentable() {
        return Collections.unmodifiableList(notRepresentable);
    }

    /** Choices made where the publications say nothing (e.g. Yangquan's success count). */
    public List<String> assumptions() {
        return Collections.unmodifiableList(assumptions);
    }

    public RegionTable regions() {
        return regions;
    }

    private void build() {
        Map<String, Map<String, Figure>> groups = new TreeMap<>();
        for (Figure f : figures) {
            groups.computeIfAbsent(f.regionCode() + "|" + f.year(), k -> new LinkedHashMap<>()).put(f.indicator(), f);
        }
        for (Map<String, Figure> g : groups.values()) {
            Figure any = g.values().iterator().next();
            String code = any.regionCode();
            int year = any.year();
            if (regions.find(code).isEmpty()) {
                notRepresentable.addAll(g.values());
                assumptions.add(code + ": not in the region table; its figures are not reproduced");
                continue;
            }
            for (Figure f : g.values()) {
                if (!representable(f.indicator())) notRepresentable.add(f);
            }
            Random random = new Random(Long.parseLong(code) * 31 + year);
            reconsideration(code, year, g, random);
            mediation(code, year, g, random);
            certificates(code, year, g, random);
            litigation(code, year, g, random);
        }
    }

    static boolean representable(String indicator) {
        return indicator.startsWith("reconsideration.outcome.") || LITIGATION.contains(indicator)
                || List.of("reconsideration.applied", "reconsideration.accepted", "reconsideration.rejected",
                "reconsideration.correction_requested", "reconsideration.concluded",
                "mediation.received", "mediation.succeeded", "mediation.agreements",
                "certificates.registered_holders").contains(indicator);
    }

    private void reconsideration(String code, int year, Map<String, Figure> g, Random random) {
        long accepted = value(g, "reconsideration.accepted");
        long rejected = value(g, "reconsideration.rejected");
        long correction = value(g, "reconsideration.correction_requested");
        long disposed = accepted + rejected + correction;
        long applied = Math.max(value(g, "reconsideration.applied"), disposed);
        if (applied == 0) return;
        long concluded = Math.min(value(g, "reconsideration.concluded"), accepted);
        List<ReconsiderationOutcome> outcomes = new ArrayList<>();
        for (ReconsiderationOutcome o : ReconsiderationOutcome.values()) {
            long n = value(g, "reconsideration.outcome." + o.name().toLowerCase(Locale.ROOT));
            for (long i = 0; i < n && outcomes.size() < concluded; i++) outcomes.add(o);
        }
        Collections.shuffle(outcomes, random);
        // which applications get which disposition, shuffled so that case numbers carry no meaning
        List<ReconsiderationStage> dispositions = new ArrayList<>();
        for (long i = 0; i < accepted; i++) dispositions.add(ReconsiderationStage.ACCEPTED);
        for (long i = 0; i < rejected; i++) dispositions.add(ReconsiderationStage.REJECTED);
        for (long i = 0; i < correction; i++) dispositions.add(ReconsiderationStage.CORRECTION_REQUESTED);
        while (dispositions.size() < applied) dispositions.add(null);
        Collections.shuffle(dispositions, random);
        List<Boolean> concludes = new ArrayList<>();
        for (long i = 0; i < accepted; i++) concludes.add(i < concluded);
        Collections.shuffle(concludes, random);

        String prefix = prefix(code);
        String gov = department(code, "gov");
        int acceptedSeen = 0;
        int outcomeNext = 0;
        int days = Year.of(year).length();
        for (int i = 1; i <= applied; i++) {
            ReconsiderationStage disposition = dispositions.get(i - 1);
            boolean concludesNow = disposition == ReconsiderationStage.ACCEPTED && concludes.get(acceptedSeen++);
            String caseId = String.format("%s-%d-RC-%06d", prefix.toUpperCase(Locale.ROOT), year, i);
            String ev = String.format("%s-%d-rc-%06d-", prefix, year, i);
            int appliedDay = random.nextInt(concludesNow ? days - 70 : days - 6);
            Instant appliedAt = at(year, appliedDay, random);
            events.add(new ReconsiderationEvent(ev + "applied", code, gov, appliedAt, caseId, ReconsiderationStage.APPLIED, null));
            if (disposition == null) continue;
            int dispositionDay = appliedDay + 1 + random.nextInt(5);
            events.add(new ReconsiderationEvent(ev + disposition.name().toLowerCase(Locale.ROOT), code, gov, at(year, dispositionDay, random),
                    caseId, disposition, null));
            if (concludesNow) {
                ReconsiderationOutcome outcome = outcomeNext < outcomes.size() ? outcomes.get(outcomeNext++) : null;
                int concludedDay = dispositionDay + 10 + random.nextInt(51);
                events.add(new ReconsiderationEvent(ev + "concluded", code, gov, at(year, concludedDay, random), caseId,
                        ReconsiderationStage.CONCLUDED, outcome));
            }
        }
        for (String indicator : List.of("reconsideration.applied", "reconsideration.accepted", "reconsideration.rejected",
                "reconsideration.correction_requested", "reconsideration.concluded")) {
            expect(g, indicator, indicator);
        }
        for (ReconsiderationOutcome o : ReconsiderationOutcome.values()) {
            String indicator = "reconsideration.outcome." + o.name().toLowerCase(Locale.ROOT);
            expect(g, indicator, indicator);
        }
        if (!g.containsKey("reconsideration.applied")) {
            assumptions.add(code + " " + year + ": no application count published; each of the " + applied
                    + " published cases is also counted as applied (" + applied + ")");
        }
    }

    private void mediation(String code, int year, Map<String, Figure> g, Random random) {
        Figure receivedFigure = g.get("mediation.received");
        if (receivedFigure == null) return;
        long received = receivedFigure.value();
        long succeeded;
        if (g.containsKey("mediation.succeeded")) {
            succeeded = g.get("mediation.succeeded").value();
        } else {
            Optional<Double> rate = rate(receivedFigure.note());
            succeeded = rate.map(r -> Math.round(received * r / 100)).orElse(0L);
            assumptions.add(rate.isPresent()
                    ? String.format(Locale.ROOT, "%s %d: no success count published; %,d of %,d succeeded (%.2f%%) chosen for the published rate %s%%",
                    code, year, succeeded, received, 100.0 * succeeded / received, stripZeros(rate.get()))
                    : code + " " + year + ": no success count or rate published; every dispute is left without a result");
        }
        boolean withResults = g.containsKey("mediation.succeeded") || succeeded > 0;
        Long agreements = g.containsKey("mediation.agreements") ? g.get("mediation.agreements").value() : null;
        if (agreements == null && withResults) {
            assumptions.add(code + " " + year + ": no agreement count published; agreementSigned is left out (not counted as agreements)");
        }
        List<MediationStatus> results = new ArrayList<>();
        for (long i = 0; i < received; i++) results.add(!withResults ? null : i < succeeded ? MediationStatus.SUCCEEDED : MediationStatus.FAILED);
        Collections.shuffle(results, random);
        List<Boolean> signed = new ArrayList<>();
        for (long i = 0; i < succeeded; i++) signed.add(agreements == null ? null : i < agreements);
        Collections.shuffle(signed, random);

        String prefix = prefix(code);
        String justice = department(code, "justice");
        int successSeen = 0;
        int days = Year.of(year).length();
        for (int i = 1; i <= received; i++) {
            String caseId = String.format("%s-%d-MD-%06d", prefix.toUpperCase(Locale.ROOT), year, i);
            String ev = String.format("%s-%d-md-%06d-", prefix, year, i);
            DisputeCategory category = category(random);
            int day = random.nextInt(days - 31);
            events.add(new MediationEvent(ev + "received", code, justice, at(year, day, random), caseId, MediationStatus.RECEIVED,
                    MediationType.PEOPLES, category, null));
            MediationStatus result = results.get(i - 1);
            if (result == null) continue;
            Boolean agreement = result == MediationStatus.SUCCEEDED ? signed.get(successSeen++) : null;
            events.add(new MediationEvent(ev + result.name().toLowerCase(Locale.ROOT), code, justice,
                    at(year, day + 1 + random.nextInt(30), random), caseId, result, MediationType.PEOPLES, category, agreement));
        }
        expect(g, "mediation.received", "mediation.received");
        expect(g, "mediation.succeeded", "mediation.succeeded");
        expect(g, "mediation.agreements", "mediation.agreements");
    }

    private void certificates(String code, int year, Map<String, Figure> g, Random random) {
        Figure holders = g.get("certificates.registered_holders");
        if (holders == null) return;
        String prefix = prefix(code);
        String justice = department(code, "justice");
        int days = Year.of(year).length();
        for (int i = 1; i <= holders.value(); i++) {
            String no = String.format("%s-%d-ZF-%06d", prefix.toUpperCase(Locale.ROOT), year, i);
            String agency = AGENCIES[random.nextInt(AGENCIES.length)] + "-" + code;
            events.add(new CertificateEvent(String.format("%s-%d-cert-%06d-issued", prefix, year, i), code, justice,
                    at(year, random.nextInt(days), random), no, agency, CertificateAction.ISSUED));
        }
        expectations.add(new Expectation(holders, "certificates.active", holders.value()));
        assumptions.add(code + " " + year + ": the " + holders.value() + " certificate holders are issued their certificates during "
                + year + " and stay active, so certificates.active at the end of " + year + " is " + holders.value()
                + " (certificates.issued " + year + " is an artefact of the sample, not a published figure)");
    }

    /** The litigation figures the sample reproduces: suits responded and concluded, per court level, and outcomes. */
    private static final List<String> LITIGATION = List.of("litigation.responded", "litigation.concluded",
            "litigation.responded.basic_court", "litigation.concluded.basic_court",
            "litigation.responded.intermediate_court", "litigation.concluded.intermediate_court",
            "litigation.responded.higher_court", "litigation.concluded.higher_court",
            "litigation.outcome.withdrawn", "litigation.outcome.claims_dismissed", "litigation.outcome.suit_dismissed",
            "litigation.outcome.lost", "litigation.outcome.other");
    private static final CourtLevel[] COURTS = {CourtLevel.BASIC, CourtLevel.INTERMEDIATE, CourtLevel.HIGH};
    private static final String[] COURT_NAMES = {"basic_court", "intermediate_court", "higher_court"};

    /**
     * Administrative litigation: one suit per responded case, RESPONDED in its court (as many per court level as
     * published; the rest name no court), and the published number of each court's suits CONCLUDED 10-60 days later;
     * the published outcomes are dealt out over the concluded suits. No hearings are published, so there are no HEARD
     * events (the appearance rate has no denominator).
     */
    private void litigation(String code, int year, Map<String, Figure> g, Random random) {
        long[] respondedAt = new long[COURTS.length];
        long[] concludedAt = new long[COURTS.length];
        long respondedInCourts = 0, concludedInCourts = 0;
        for (int i = 0; i < COURTS.length; i++) {
            respondedAt[i] = value(g, "litigation.responded." + COURT_NAMES[i]);
            concludedAt[i] = Math.min(value(g, "litigation.concluded." + COURT_NAMES[i]), respondedAt[i]);
            respondedInCourts += respondedAt[i];
            concludedInCourts += concludedAt[i];
        }
        long responded = Math.max(value(g, "litigation.responded"), respondedInCourts);
        if (responded == 0) return;
        long concludedElsewhere = Math.min(Math.max(0, value(g, "litigation.concluded") - concludedInCourts), responded - respondedInCourts);
        // per suit: its court (null: none named) and whether it concludes within the year
        List<CourtLevel> courts = new ArrayList<>();
        List<Boolean> concludes = new ArrayList<>();
        for (int i = 0; i < COURTS.length; i++) {
            for (long n = 0; n < respondedAt[i]; n++) {
                courts.add(COURTS[i]);
                concludes.add(n < concludedAt[i]);
            }
        }
        for (long n = respondedInCourts; n < responded; n++) {
            courts.add(null);
            concludes.add(n - respondedInCourts < concludedElsewhere);
        }
        List<LitigationOutcome> outcomes = new ArrayList<>();
        long concluded = concludedInCourts + concludedElsewhere;
        for (LitigationOutcome o : LitigationOutcome.values()) {
            long n = value(g, "litigation.outcome." + o.name().toLowerCase(Locale.ROOT));
            for (long i = 0; i < n && outcomes.size() < concluded; i++) outcomes.add(o);
        }
        Collections.shuffle(outcomes, random);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < courts.size(); i++) order.add(i);
        Collections.shuffle(order, random); // case numbers carry no meaning

        String prefix = prefix(code);
        String gov = department(code, "gov");
        int days = Year.of(year).length();
        int outcomeNext = 0;
        for (int i = 1; i <= responded; i++) {
            int k = order.get(i - 1);
            CourtLevel court = courts.get(k);
            String caseId = String.format("%s-%d-LT-%06d", prefix.toUpperCase(Locale.ROOT), year, i);
            String ev = String.format("%s-%d-lt-%06d-", prefix, year, i);
            int respondedDay = random.nextInt(concludes.get(k) ? days - 61 : days);
            events.add(new LitigationEvent(ev + "responded", code, gov, at(year, respondedDay, random), caseId,
                    LitigationStage.RESPONDED, court, null, null));
            if (concludes.get(k)) {
                LitigationOutcome outcome = outcomeNext < outcomes.size() ? outcomes.get(outcomeNext++) : null;
                events.add(new LitigationEvent(ev + "concluded", code, gov, at(year, respondedDay + 10 + random.nextInt(51), random),
                        caseId, LitigationStage.CONCLUDED, court, null, outcome));
            }
        }
        for (String indicator : LITIGATION) expect(g, indicator, indicator);
    }

    private void expect(Map<String, Figure> g, String published, String indicator) {
        Figure f = g.get(published);
        if (f != null) expectations.add(new Expectation(f, indicator, f.value()));
    }

    private static long value(Map<String, Figure> g, String indicator) {
        Figure f = g.get(indicator);
        return f == null ? 0 : f.value();
    }

    static Optional<Double> rate(String note) {
        Matcher m = RATE.matcher(note == null ? "" : note);
        return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
    }

    private static String stripZeros(double d) {
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private String prefix(String code) {
        return PREFIX.getOrDefault(code, "r" + code);
    }

    private String department(String code, String office) {
        String name = regions.find(code).map(Region::nameEn).filter(n -> !n.isBlank()).orElse(code);
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + "-" + office;
    }

    /** A moment during office hours on day {@code dayOfYear} (0-based, clamped to the year) in Asia/Shanghai. */
    private static Instant at(int year, int dayOfYear, Random random) {
        int days = Year.of(year).length();
        LocalDate d = LocalDate.ofYearDay(year, Math.min(days, Math.max(1, dayOfYear + 1)));
        int minute = 8 * 60 + 30 + random.nextInt(9 * 60);
        return d.atTime(LocalTime.of(minute / 60, minute % 60, random.nextInt(60))).atZone(CHINA).toInstant();
    }

    private static DisputeCategory category(Random random) {
        double u = random.nextDouble();
        double[] w = {0.22, 0.18, 0.12, 0.10, 0.10, 0.09, 0.08, 0.08, 0.03};
        DisputeCategory[] c = {DisputeCategory.NEIGHBOUR, DisputeCategory.FAMILY, DisputeCategory.CONTRACT, DisputeCategory.LABOUR,
                DisputeCategory.OTHER, DisputeCategory.LAND, DisputeCategory.PROPERTY, DisputeCategory.TRAFFIC, DisputeCategory.MEDICAL};
        double acc = 0;
        for (int i = 0; i < c.length; i++) {
            acc += w[i];
            if (u < acc) return c[i];
        }
        return DisputeCategory.OTHER;
    }

    private static final String[] AGENCIES = {"market-regulation", "urban-management", "ecology-environment", "transport",
            "agriculture", "culture-tourism", "emergency-management", "natural-resources", "health", "housing"};
}
