package dev.indicators.producer.importer;

import dev.indicators.contract.EventType;
import dev.indicators.producer.BadInputCorpus;
import dev.indicators.producer.Fixtures;
import dev.indicators.producer.RecordingPublisher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The import without Kafka: what is published, what is reported, what is counted. */
class ImporterTest {

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();
    private final RecordingPublisher publisher = new RecordingPublisher();

    private ImportSummary importFiles(ImportOptions options, Path... files) {
        try (ErrorReport errors = new ErrorReport(new PrintWriter(err, true), options.maxPrintedErrors(), options.errorsFile())) {
            return new Importer(Fixtures.json(), options.dryRun() ? null : publisher, options, errors,
                    ProgressReporter.Mode.NONE, new PrintWriter(new StringWriter())).run(List.of(files));
        }
    }

    private Path file(String name, List<String> lines) throws IOException {
        return Files.write(dir.resolve(name), lines);
    }

    @Test
    void good_rows_are_published_even_when_others_are_bad_and_each_bad_row_names_file_line_field_and_reason() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(Fixtures.reconsideration("g1", "QP-1", "APPLIED"));
        for (BadInputCorpus.Bad bad : BadInputCorpus.lines()) lines.add(bad.json());
        lines.add(Fixtures.reconsideration("g2", "QP-1", "ACCEPTED"));
        Path f = file("mixed.jsonl", lines);

        ImportSummary s = importFiles(ImportOptions.defaults(), f);

        assertThat(publisher.published).extracting(RecordingPublisher::id).containsExactly("g1", "g2");
        assertThat(s.published()).isEqualTo(2);
        assertThat(s.rejected()).isEqualTo(BadInputCorpus.lines().size());
        assertThat(s.exitCode()).isEqualTo(ImportExitCodes.ROWS_REJECTED);
        List<String> reported = err.toString().lines().toList();
        for (int i = 0; i < BadInputCorpus.lines().size(); i++) {
            BadInputCorpus.Bad bad = BadInputCorpus.lines().get(i);
            String prefix = f + ":" + (i + 2) + ": field '" + bad.field() + "'";
            assertThat(reported).as(bad.name()).anySatisfy(l -> assertThat(l).startsWith(prefix).contains(bad.reason()));
        }
    }

    @Test
    void the_unknown_region_line_reads_as_documented() throws IOException {
        Path f = file("one.jsonl", List.of(Fixtures.reconsideration("x", "QP-9", "APPLIED").replace("310118", "999999")));
        importFiles(ImportOptions.defaults(), f);
        assertThat(err.toString()).startsWith(f + ":1: field 'regionCode' = '999999': unknown GB/T 2260 region code");
    }

    @Test
    void a_repeated_event_is_skipped_and_counted_and_a_reused_id_with_other_content_is_rejected() throws IOException {
        Path f = file("dups.jsonl", List.of(
                Fixtures.reconsideration("d1", "QP-1", "APPLIED"),
                Fixtures.reconsideration("d1", "QP-1", "applied"),   // same content after canonicalisation
                Fixtures.reconsideration("d1", "QP-1", "ACCEPTED"),  // same id, other content
                Fixtures.reconsideration("d2", "QP-1", "ACCEPTED")));
        ImportSummary s = importFiles(ImportOptions.defaults(), f);
        assertThat(s.published()).isEqualTo(2);
        assertThat(s.duplicatesSkipped()).isEqualTo(1);
        assertThat(s.rejected()).isEqualTo(1);
        assertThat(err.toString()).contains(f + ":3: field 'eventId' = 'd1': already used earlier in this import for an event with different content");
        assertThat(s.render()).contains("duplicates skipped:", "1");
    }

    @Test
    void only_duplicates_do_not_make_the_import_fail() throws IOException {
        String e = Fixtures.mediation("m1", "M-1", "RECEIVED");
        ImportSummary s = importFiles(ImportOptions.defaults(), file("again.jsonl", List.of(e, e, e)));
        assertThat(s.exitCode()).isZero();
        assertThat(s.duplicatesSkipped()).isEqualTo(2);
    }

    @Test
    void a_dry_run_validates_everything_and_publishes_nothing() throws IOException {
        Path f = file("dry.jsonl", List.of(Fixtures.mediation("m1", "M-1", "RECEIVED"), "{oops"));
        ImportSummary s = importFiles(ImportOptions.defaults().withDryRun(true), f);
        assertThat(publisher.published).isEmpty();
        assertThat(s.published()).isEqualTo(1);
        assertThat(s.rejected()).isEqualTo(1);
        assertThat(s.render()).contains("Dry run (nothing published)", "valid (would publish):");
        assertThat(s.exitCode()).isEqualTo(1);
        ImportSummary clean = importFiles(ImportOptions.defaults().withDryRun(true), file("clean.jsonl", List.of(Fixtures.mediation("m1", "M-1", "RECEIVED"))));
        assertThat(clean.exitCode()).isZero();
    }

    @Test
    void rows_without_an_event_id_are_rejected_unless_ids_are_assigned_from_file_and_line() throws IOException {
        String noId = Fixtures.certificate("x", "ZF-1", "ISSUED").replace("\"eventId\":\"x\",", "");
        Path f = file("certs.jsonl", List.of(noId, noId.replace("ZF-1", "ZF-2")));
        assertThat(importFiles(ImportOptions.defaults(), f).rejected()).isEqualTo(2);
        ImportSummary s = importFiles(ImportOptions.defaults().withAssignIds(true), f);
        assertThat(s.published()).isEqualTo(2);
        assertThat(publisher.published).extracting(RecordingPublisher::id).containsExactly("certs.jsonl-L1", "certs.jsonl-L2");
        assertThat(Importer.assignedId(Path.of("/data/" + "x".repeat(100) + ".csv"), 123456)).hasSizeLessThanOrEqualTo(64).endsWith(".csv-L123456");
    }

    @Test
    void csv_and_jsonl_files_are_imported_in_one_run() throws IOException {
        Path csv = Files.writeString(dir.resolve("mediation.csv"), """
                eventId,regionCode,department,occurredAt,caseId,status,mediationType,disputeCategory,agreementSigned
                c1,140300,yq-justice,2019-05-01T09:00:00+08:00,YQ-1,RECEIVED,PEOPLES,FAMILY,
                c2,140300,yq-justice,2019-05-03T09:00:00+08:00,YQ-1,SUCCEEDED,PEOPLES,FAMILY,true
                c3,140300,yq-justice,2019-05-03T09:00:00+08:00,YQ-2,RECEIVED,PEOPLES,FAMILY,true
                """);
        Path jsonl = file("more.jsonl", List.of(Fixtures.reconsideration("j1", "QP-1", "APPLIED")));
        ImportSummary s = importFiles(ImportOptions.defaults().withType(EventType.MEDIATION), csv, jsonl);
        assertThat(s.published()).isEqualTo(3);
        assertThat(s.rejected()).isEqualTo(1);
        assertThat(err.toString()).contains(csv + ":4: field 'agreementSigned' = 'true': a signed agreement is only allowed with status SUCCEEDED, not RECEIVED");
    }

    @Test
    void send_failures_are_reported_per_row_and_an_unreachable_kafka_stops_the_import() throws IOException {
        publisher.timingOut("t2");
        Path f = file("kafka.jsonl", List.of(
                Fixtures.reconsideration("t1", "QP-1", "APPLIED"),
                Fixtures.reconsideration("t2", "QP-2", "APPLIED"),
                Fixtures.reconsideration("t3", "QP-3", "APPLIED")));
        ImportSummary s = importFiles(ImportOptions.defaults(), f);
        assertThat(s.sendFailures()).isEqualTo(1);
        assertThat(err.toString()).contains(f + ":2: field '(kafka)': not published: TimeoutException: Expiring 1 record(s)");
        assertThat(s.stoppedBecause()).contains("Expiring");
        assertThat(s.exitCode()).isEqualTo(ImportExitCodes.UNAVAILABLE);
        assertThat(publisher.published).extracting(RecordingPublisher::id).containsExactly("t1");
    }

    @Test
    void the_printed_errors_are_capped_and_the_errors_file_has_them_all() throws IOException {
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < 30; i++) bad.add("{broken " + i);
        Path errorsFile = dir.resolve("errors.txt");
        importFiles(ImportOptions.defaults().withMaxPrintedErrors(5).withErrorsFile(errorsFile), file("bad.jsonl", bad));
        assertThat(err.toString().lines()).hasSize(6)
                .last().isEqualTo("... 25 more error lines not shown (all 30 are in " + errorsFile + ")");
        assertThat(Files.readAllLines(errorsFile)).hasSize(30).allSatisfy(l -> assertThat(l).contains("bad.jsonl:", "field '(json)'"));
    }
}
