package dev.indicators.bench;

import dev.indicators.platform.IndicatorStack;
import dev.indicators.platform.junit.SharedIndicatorStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole bench at a tiny scale on the shared embedded stack, through the command line, so it keeps working.
 * Figures are checked for sanity only: no timing assertions.
 */
@ExtendWith(SharedIndicatorStack.class)
class BenchTest {

    @Test
    void runsEveryPhaseAndTheTotalsEqualTheRecount(IndicatorStack stack, @TempDir Path dir) throws Exception {
        Path output = dir.resolve("bench-result.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new BenchCommand())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute("--events", "2000", "--regions", "20", "--seconds", "2", "--rate", "500", "--partitions", "2",
                        "--bootstrap", stack.bootstrapServers(), "--registry", stack.registryUrl(), "--output", output.toString());

        System.out.println(err);
        System.out.println(out);
        assertThat(exit).as("exit code; stderr:%n%s", err).isZero();
        assertThat(Files.exists(output)).isTrue();
        BenchResult r = ResultReport.readJson(output);
        assertThat(r.passed()).isTrue();
        assertThat(r.producer().events()).isEqualTo(2000);
        assertThat(r.producer().eventsPerSecond()).isPositive();
        assertThat(r.rawConsume().events()).isEqualTo(2000);
        assertThat(r.rawConsume().eventsPerSecond()).isPositive();
        assertThat(r.pipeline().events()).isEqualTo(2000);
        assertThat(r.pipeline().eventsPerSecond()).isPositive();
        assertThat(r.pipelineToRawRatio()).isPositive();
        assertThat(r.recount().mismatches()).isZero();
        assertThat(r.recount().checked()).isGreaterThan(100);
        assertThat(r.recount().cases()).isPositive();
        assertThat(r.latency()).isNotNull();
        assertThat(r.latency().events()).isEqualTo(1000);
        assertThat(r.latency().updates()).isPositive();
        assertThat(r.latency().p50Ms()).isNotNegative();
        assertThat(r.latency().p99Ms()).isGreaterThanOrEqualTo(r.latency().p50Ms());
        assertThat(r.latency().p999Ms()).isGreaterThanOrEqualTo(r.latency().p99Ms());
        assertThat(r.peakHeapBytes()).isPositive();
        assertThat(r.peakLiveHeapBytes()).isNotNegative();
        assertThat(r.stateBytes()).isPositive();
        assertThat(r.machine().cores()).isPositive();
        assertThat(r.setup().processingGuarantee()).isEqualTo("exactly_once_v2");
        assertThat(r.setup().cluster()).isEqualTo("external");

        assertThat(out.toString())
                .contains("raw consume")
                .contains("pipeline / raw consume")
                .contains("p50 / p99 / p99.9")
                .contains("peak heap")
                .contains("state on disk")
                .contains("cores");
        assertThat(err.toString()).contains("bench: publish:").contains("bench: pipeline:").contains("bench: recount:");
    }
}
