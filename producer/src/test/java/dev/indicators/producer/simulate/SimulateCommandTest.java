package dev.indicators.producer.simulate;

import dev.indicators.producer.importer.ImportCommand;
import dev.indicators.producer.RecordingPublisher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code indicators simulate --output}: a file the import takes without a single error. */
class SimulateCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Object command, String... args) {
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void the_generated_file_imports_cleanly_and_is_the_same_for_the_same_seed() throws IOException {
        Path a = dir.resolve("a.jsonl"), b = dir.resolve("b.jsonl");
        assertThat(run(new SimulateCommand(), "--events", "3000", "--regions", "3", "--seed", "5", "--from", "2024-01-01", "--to", "2024-12-31",
                "--progress", "none", "--output", a.toString())).isZero();
        assertThat(run(new SimulateCommand(), "--events", "3000", "--regions", "3", "--seed", "5", "--from", "2024-01-01", "--to", "2024-12-31",
                "--progress", "none", "--output", b.toString())).isZero();
        assertThat(Files.readAllLines(a)).hasSize(3000).isEqualTo(Files.readAllLines(b));
        assertThat(out.toString()).contains("wrote 3,000 events to " + a);
        RecordingPublisher publisher = new RecordingPublisher();
        int exit = run(new ImportCommand().withPublisherFactory((s, r) -> publisher), "--progress", "none", a.toString());
        assertThat(exit).as(err.toString()).isZero();
        assertThat(publisher.published).hasSize(3000);
        // the first three case regions of the bundled table: Beijing's Dongcheng, Xicheng and Chaoyang districts
        assertThat(publisher.published).extracting(e -> e.get(1).toString()).containsOnly("110101", "110102", "110105");
    }

    @Test
    void a_synthetic_table_is_written_for_the_streams_side() throws IOException {
        Path regions = dir.resolve("regions.csv"), events = dir.resolve("e.jsonl");
        assertThat(run(new SimulateCommand(), "--synthetic-regions", "300", "--write-regions", regions.toString(),
                "--events", "500", "--progress", "none", "--output", events.toString())).isZero();
        assertThat(err.toString()).contains("SYNTHETIC region table", "INDICATORS_REGIONS_FILE=");
        RecordingPublisher publisher = new RecordingPublisher();
        // validated against the written table, the synthetic codes are fine
        assertThat(run(new ImportCommand().withPublisherFactory((s, r) -> publisher), "--dry-run", "--progress", "none",
                "--regions-file", regions.toString(), events.toString())).isZero();
    }

    @Test
    void bad_options_exit_2() {
        assertThat(run(new SimulateCommand(), "--from", "2024-02-01", "--to", "2024-01-01", "--output", dir.resolve("x.jsonl").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--from must be before --to");
        assertThat(run(new SimulateCommand(), "--write-regions", "r.csv")).isEqualTo(2);
        assertThat(run(new SimulateCommand(), "--regions", "0", "--output", dir.resolve("y.jsonl").toString())).isEqualTo(2);
        assertThat(run(new SimulateCommand(), "--events", "many")).isEqualTo(2);
    }
}
