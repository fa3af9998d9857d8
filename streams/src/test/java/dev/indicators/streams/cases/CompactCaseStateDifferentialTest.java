package dev.indicators.streams.cases;

import dev.indicators.contract.cases.EventFingerprint;
import dev.indicators.contract.cases.CaseCounting;
import dev.indicators.contract.cases.CaseCounts;
import dev.indicators.contract.cases.CaseState;
import dev.indicators.contract.cases.CaseFact;
import dev.indicators.contract.avro.CertificateEvent;
import dev.indicators.contract.avro.LitigationEvent;
import dev.indicators.contract.avro.MediationEvent;
import dev.indicators.contract.avro.ReconsiderationEvent;
import dev.indicators.contract.validation.EventJson;
import dev.indicators.contract.certificate.CertificateCounting;
import dev.indicators.contract.litigation.LitigationCounting;
import dev.indicators.streams.codec.AvroBinary;
import dev.indicators.contract.mediation.MediationCounting;
import dev.indicators.contract.reconsideration.ReconsiderationCounting;
import dev.indicators.testkit.events.RandomHistories;
import dev.indicators.streams.support.TestPipeline;
import dev.indicators.testkit.recount.Recount;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compact case state against the code it replaced: for random case histories (amendments with ties, region moves,
 * re-sends, re-used ids, shuffled), event by event, the compact state ({@link CaseState}, stored and read back through
 * {@link CaseStateSerde} as the store does) gives the same verdict (new / duplicate / conflict) and the same counts
 * as the project's recount of the case's distinct events (testkit's {@link Recount}: the counting rules of
 * docs/design.md restated independently of the production code, over whole Avro events).
 */
@DisplayName("Differential: the compact case state decides and counts exactly as the recount of the case's distinct events")
class CompactCaseStateDifferentialTest {

    enum Verdict { NEW, DUPLICATE, CONFLICT }

    static LongStream seeds() {
        long drawn = new Random().nextLong();
        return LongStream.of(1, 2, 3, 20240615, drawn);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void sameVerdictsAndCounts(long seed) {
        List<SpecificRecord> arrivals = new RandomHistories(seed, TestPipeline.NOW, Duration.ofDays(900)).generate(400, 400, 300, 300);
        Map<String, List<SpecificRecord>> byCase = new LinkedHashMap<>();
        for (SpecificRecord e : arrivals) byCase.computeIfAbsent(EventJson.typeOf(e) + ":" + EventJson.caseKey(e), k -> new ArrayList<>()).add(e);

        CaseStateSerde serde = new CaseStateSerde();
        int events = 0;
        int conflicts = 0;
        int duplicates = 0;
        for (Map.Entry<String, List<SpecificRecord>> c : byCase.entrySet()) {
            SpecificRecord sample = c.getValue().get(0);
            CaseCounting counting = counting(sample);
            Map<String, byte[]> contentById = new HashMap<>();
            List<SpecificRecord> distinct = new ArrayList<>();
            CaseState state = CaseState.EMPTY;
            for (SpecificRecord e : c.getValue()) {
                String what = "seed " + seed + ", case " + c.getKey() + ", event " + e;
                byte[] content = AvroBinary.encode(e);
                String eventId = e.get(e.getSchema().getField("eventId").pos()).toString();

                byte[] knownBefore = contentById.get(eventId);
                Verdict expected = knownBefore == null ? Verdict.NEW : Arrays.equals(knownBefore, content) ? Verdict.DUPLICATE : Verdict.CONFLICT;
                if (expected == Verdict.NEW) {
                    contentById.put(eventId, content);
                    distinct.add(e);
                }

                CaseFact fact = counting.factOf(e, EventFingerprint.of(content));
                Optional<CaseFact> known = state.find(fact.eventId());
                Verdict actual = known.isEmpty() ? Verdict.NEW : known.get().fingerprint().sameAs(fact.fingerprint()) ? Verdict.DUPLICATE : Verdict.CONFLICT;
                if (actual == Verdict.NEW) state = serde.deserializer().deserialize("t", serde.serializer().serialize("t", state.with(fact)));

                assertThat(actual).as(what).isEqualTo(expected);
                assertThat(counts(counting.count(state))).as(what).isEqualTo(Recount.countCase(distinct));
                events++;
                if (actual == Verdict.CONFLICT) conflicts++;
                if (actual == Verdict.DUPLICATE) duplicates++;
            }
        }
        assertThat(events).isGreaterThan(2000);
        assertThat(conflicts).as("re-used ids were tried").isPositive();
        assertThat(duplicates).as("re-sends were tried").isPositive();
    }

    private static Map<String, Integer> counts(CaseCounts counts) {
        Map<String, Integer> out = new LinkedHashMap<>();
        counts.asMap().forEach((k, v) -> out.put(k.regionCode() + "|" + k.indicator() + "|" + k.day(), v));
        return out;
    }

    private static CaseCounting counting(SpecificRecord e) {
        if (e instanceof ReconsiderationEvent) return new ReconsiderationCounting();
        if (e instanceof MediationEvent) return new MediationCounting();
        if (e instanceof CertificateEvent) return new CertificateCounting();
        if (e instanceof LitigationEvent) return new LitigationCounting();
        throw new IllegalArgumentException(e.toString());
    }
}
