package dev.indicators.producer.importer;

import dev.indicators.producer.Fixtures;
import dev.indicators.producer.RecordingPublisher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code indicators import} as a user sees it: output, summary and exit codes. */
class ImportCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final RecordingPublisher publisher = new RecordingPublisher();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new ImportCommand().withPublisherFactory((settings, rules) -> publisher));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Path file(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines));
    }

    @Test
    void a_clean_file_exits_0_with_a_summary() throws IOException {
        Path f = file("ok.jsonl", Fixtures.reconsideration("a", "QP-1", "APPLIED"), Fixtures.reconsideration("b", "QP-1", "ACCEPTED"));
        assertThat(run("--progress", "none", f.toString())).isZero();
        assertThat(out.toString()).contains("Imported 2 rows", "published:", "rejected:", "duplicates skipped:");
        assertThat(publisher.published).hasSize(2);
        assertThat(publisher.closed).isTrue();
    }

    @Test
    void a_dry_run_with_a_bad_row_exits_1_names_the_row_and_publishes_nothing() throws IOException {
        Path f = file("bad.jsonl", Fixtures.reconsideration("a", "QP-1", "APPLIED"), Fixtures.reconsideration("b", "QP-1", "PONDERING"));
        assertThat(run("--dry-run", "--progress", "none", f.toString())).isEqualTo(1);
        assertThat(err.toString()).contains(f + ":2: field 'stage' = 'PONDERING': unknown value");
        assertThat(out.toString()).contains("Dry run (nothing published): checked 2 rows", "valid (would publish):");
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void a_csv_file_takes_its_type_from_the_option() throws IOException {
        Path f = file("certs.csv", "eventId,regionCode,department,occurredAt,certificateNo,action",
                "c1,310118,qingpu-justice,2017-03-01T09:00:00+08:00,ZF-1,issued");
        assertThat(run("--type", "Certificate", "--progress", "none", f.toString())).isZero();
        assertThat(publisher.published).hasSize(1);
    }

    @Test
    void usage_errors_exit_2_before_anything_is_published() throws IOException {
        Path good = file("good.jsonl", Fixtures.reconsideration("a", "QP-1", "APPLIED"));
        assertThat(run(good.toString(), dir.resolve("missing.jsonl").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("missing.jsonl: no such file");
        assertThat(run(file("no-type.csv", "eventId,caseId", "e,c").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no-type.csv:1: no 'type' column; pass --type");
        assertThat(run("--type", "petition", good.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("'petition' is not an event type");
        assertThat(run()).isEqualTo(2);
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void an_empty_json_lines_file_and_a_binary_file_are_usage_errors_like_an_empty_csv() throws IOException {
        Path emptyCsv = Files.write(dir.resolve("empty.csv"), new byte[0]);
        Path emptyJsonl = Files.write(dir.resolve("empty.jsonl"), "\n  \n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Path binary = Files.write(dir.resolve("photo.jsonl"), new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13});
        Path latin1 = Files.write(dir.resolve("latin1.json"), "{\"caseId\":\"caf\u00e9\"}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThat(run("--type", "mediation", emptyCsv.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(emptyCsv + ":1: empty file: expected a header row naming the JSON fields");
        assertThat(run(emptyJsonl.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(emptyJsonl + ":1: empty file: expected JSON Lines (one JSON event a line)");
        assertThat(run(binary.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(binary + ": not a text file (it holds a NUL byte); expected JSON Lines (one JSON event a line)");
        assertThat(run(latin1.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(latin1 + ": not a UTF-8 text file (byte 0xe9 at offset 14); expected a JSON array of events or JSON Lines");
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void help_lists_the_options_and_exit_codes() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--dry-run", "--assign-ids", "--errors-file", "--bootstrap", "--registry", "Exit codes:", "3");
    }

    @Test
    void progress_lines_go_to_the_error_stream_when_not_on_a_terminal() throws IOException {
        Path f = file("p.jsonl", Fixtures.mediation("m", "M-1", "RECEIVED"));
        assertThat(run("--progress", "lines", f.toString())).isZero();
        assertThat(err.toString()).contains("import: 100.0% (1 events");
    }
}
