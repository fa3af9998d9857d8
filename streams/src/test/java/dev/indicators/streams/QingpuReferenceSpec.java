package dev.indicators.streams;

import dev.indicators.contract.avro.ReconsiderationEvent;
import dev.indicators.contract.avro.ReconsiderationOutcome;
import dev.indicators.contract.avro.ReconsiderationStage;
import dev.indicators.streams.support.TestPipeline;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.indicators.testkit.events.Events.QINGPU;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Qingpu 2017 as the district published it (producer/src/main/resources/sample/published-figures.csv): 142 applications, 79 accepted,
 * 21 rejected, 42 returned for correction; 68 of the 79 concluded (32 upheld, 10 dismissed, 14 terminated, 10 revoked,
 * 2 confirmed illegal). Case events built to that breakdown, sent shuffled and partly twice, give those figures back.
 */
@DisplayName("Reference: Qingpu's published 2017 reconsideration figures are reproduced from case events")
class QingpuReferenceSpec {

    @Test
    void qingpu2017() throws IOException {
        Map<String, Long> published = publishedFigures(QINGPU, 2017, "reconsideration.");
        assertThat(published).containsKeys("reconsideration.applied", "reconsideration.accepted", "reconsideration.outcome.revoked");

        List<ReconsiderationEvent> events = new ArrayList<>();
        Random random = new Random(2017);
        int n = 0;
        List<ReconsiderationStage> dispositions = new ArrayList<>();
        for (int i = 0; i < published.get("reconsideration.accepted"); i++) dispositions.add(ReconsiderationStage.ACCEPTED);
        for (int i = 0; i < published.get("reconsideration.rejected"); i++) dispositions.add(ReconsiderationStage.REJECTED);
        for (int i = 0; i < published.get("reconsideration.correction_requested"); i++) dispositions.add(ReconsiderationStage.CORRECTION_REQUESTED);
        List<ReconsiderationOutcome> outcomes = new ArrayList<>();
        for (ReconsiderationOutcome o : ReconsiderationOutcome.values()) {
            long k = published.getOrDefault("reconsideration.outcome." + o.name().toLowerCase(), 0L);
            for (int i = 0; i < k; i++) outcomes.add(o);
        }
        for (ReconsiderationStage disposition : dispositions) {
            String caseId = "QP-2017-" + String.format("%06d", ++n);
            LocalDate applied = LocalDate.of(2017, 1, 1).plusDays(random.nextInt(300));
            events.add(event(caseId, "a", applied, ReconsiderationStage.APPLIED, null));
            events.add(event(caseId, "d", applied.plusDays(1 + random.nextInt(5)), disposition, null));
            if (disposition == ReconsiderationStage.ACCEPTED && !outcomes.isEmpty()) {
                events.add(event(caseId, "c", applied.plusDays(10 + random.nextInt(50)), ReconsiderationStage.CONCLUDED, outcomes.remove(0)));
            }
        }
        List<ReconsiderationEvent> arrivals = new ArrayList<>(events);
        for (int i = 0; i < events.size(); i += 3) arrivals.add(events.get(i));
        Collections.shuffle(arrivals, random);

        try (TestPipeline pipeline = new TestPipeline()) {
            pipeline.send(arrivals);
            published.forEach((indicator, value) ->
                    assertThat(pipeline.count(QINGPU, indicator, "year:2017")).as(indicator).isEqualTo(value));
            var rate = pipeline.total(QINGPU, "reconsideration.correction_rate", "year:2017");
            assertThat(rate.numerator()).isEqualTo(12);
            assertThat(rate.denominator()).isEqualTo(68);
            assertThat(pipeline.count("000000", "reconsideration.applied", "year:2017")).isEqualTo(142);
        }
    }

    private static ReconsiderationEvent event(String caseId, String suffix, LocalDate day, ReconsiderationStage stage, ReconsiderationOutcome outcome) {
        return new ReconsiderationEvent(caseId + "-" + suffix, QINGPU, "qingpu-gov", day.atTime(10, 0).atZone(java.time.ZoneId.of("Asia/Shanghai")).toInstant(),
                caseId, stage, outcome);
    }

    /** The figures of one region and year from published-figures.csv whose indicator starts with {@code prefix}. */
    static Map<String, Long> publishedFigures(String region, int year, String prefix) throws IOException {
        // the copy the project ships (the demo's sample is built from it); tests run in the module directory
        Path csv = Path.of("../producer/src/main/resources/sample/published-figures.csv");
        Map<String, Long> figures = new LinkedHashMap<>();
        for (String line : Files.readAllLines(csv)) {
            String[] f = line.split(",", -1);
            if (f.length >= 4 && f[0].equals(region) && f[1].equals(Integer.toString(year)) && f[2].startsWith(prefix)) {
                figures.put(f[2], Long.parseLong(f[3]));
            }
        }
        return figures;
    }
}
