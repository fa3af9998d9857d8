package dev.indicators.producer.it;

import dev.indicators.platform.IndicatorStack;
import dev.indicators.platform.junit.SharedIndicatorStack;
import dev.indicators.producer.BadInputCorpus;
import dev.indicators.producer.Fixtures;
import dev.indicators.producer.importer.ImportCommand;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code indicators import} against the real broker and registry. */
@ExtendWith(SharedIndicatorStack.class)
class ImportIntegrationTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int importFiles(IndicatorStack stack, String... args) {
        CommandLine cli = new CommandLine(new ImportCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("--bootstrap", stack.bootstrapServers(), "--registry", stack.registryUrl(), "--progress", "none"));
        all.addAll(List.of(args));
        return cli.execute(all.toArray(String[]::new));
    }

    @Test
    void a_mixed_jsonl_and_csv_import_publishes_the_good_rows_and_reports_the_bad_ones_by_line(IndicatorStack stack) throws IOException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> lines = new ArrayList<>();
        lines.add(Fixtures.reconsideration("imp-" + run + "-1", "QP-IMP-" + run, "APPLIED"));
        for (BadInputCorpus.Bad bad : BadInputCorpus.lines()) lines.add(bad.json());
        lines.add(Fixtures.reconsideration("imp-" + run + "-2", "QP-IMP-" + run, "ACCEPTED"));
        lines.add(Fixtures.reconsideration("imp-" + run + "-2", "QP-IMP-" + run, "ACCEPTED")); // duplicate: skipped
        Path jsonl = Files.write(dir.resolve("mixed.jsonl"), lines);
        Path csv = Files.writeString(dir.resolve("mediation.csv"), String.join("\n",
                "eventId,regionCode,department,occurredAt,caseId,status,mediationType,disputeCategory,agreementSigned",
                "imp-" + run + "-3,140300,yq-justice,2019-05-01T09:00:00+08:00,YQ-IMP-" + run + ",RECEIVED,PEOPLES,\"FAMILY\",",
                "imp-" + run + "-4,140300,yq-justice,2019-05-03T09:00:00+08:00,YQ-IMP-" + run + ",SUCCEEDED,PEOPLES,FAMILY,true",
                "imp-" + run + "-5,140301,yq-justice,2019-05-03T09:00:00+08:00,YQ-IMP-" + run + ",FAILED,PEOPLES,FAMILY,") + "\n");

        int exit = importFiles(stack, "--type", "mediation", jsonl.toString(), csv.toString());

        assertThat(exit).isEqualTo(1);
        List<String> reported = err.toString().lines().toList();
        for (int i = 0; i < BadInputCorpus.lines().size(); i++) {
            BadInputCorpus.Bad bad = BadInputCorpus.lines().get(i);
            String prefix = jsonl + ":" + (i + 2) + ": field '" + bad.field() + "'";
            assertThat(reported).as(bad.name()).anySatisfy(l -> assertThat(l).startsWith(prefix).contains(bad.reason()));
        }
        assertThat(reported).contains(csv + ":4: field 'regionCode' = '140301': unknown GB/T 2260 region code (not in the region table of 3349 regions)");
        assertThat(out.toString()).containsPattern("published: +4\\b").containsPattern("rejected: +" + (BadInputCorpus.lines().size() + 1) + "\\b")
                .containsPattern("duplicates skipped: +1\\b");

        List<ConsumerRecord<String, SpecificRecord>> back = TopicReader.read(stack, stack.topics().inputs(), r -> r.key().endsWith(run), 4);
        assertThat(back).extracting(r -> TopicReader.eventId(r.value()))
                .containsExactlyInAnyOrder("imp-" + run + "-1", "imp-" + run + "-2", "imp-" + run + "-3", "imp-" + run + "-4");
        // a case's events keep their file order on its partition
        assertThat(back.stream().filter(r -> r.key().equals("QP-IMP-" + run)).map(r -> TopicReader.eventId(r.value())))
                .containsExactly("imp-" + run + "-1", "imp-" + run + "-2");
    }

    @Test
    void a_clean_file_exits_0_and_importing_it_again_is_harmless(IndicatorStack stack) throws IOException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Path f = Files.write(dir.resolve("clean.jsonl"), List.of(
                Fixtures.certificate("cl-" + run + "-1", "ZF-CL-" + run, "ISSUED"),
                Fixtures.certificate("cl-" + run + "-2", "ZF-CL-" + run, "annual_review_passed")));
        assertThat(importFiles(stack, f.toString())).isZero();
        assertThat(importFiles(stack, f.toString())).isZero(); // re-sent with the same eventIds: the streams side counts them once
        assertThat(TopicReader.read(stack, List.of(stack.topics().certificate()), r -> r.key().equals("ZF-CL-" + run), 4)).hasSize(4);
    }
}
