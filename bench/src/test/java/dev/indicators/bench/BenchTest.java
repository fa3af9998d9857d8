package dev.indicators.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.indicators.platform.IndicatorStack;
import dev.indicators.platform.junit.SharedIndicatorStack;
import dev.indicators.streams.app.IndicatorStreamsApp;
import dev.indicators.streams.codec.RegistryEventCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole bench at a tiny scale on the shared embedded stack, through the command line, so it keeps working; and
 * its verdict: equal totals pass, even across a Shanghai midnight, and a recount that differs fails the run with exit
 * code 1. Figures are checked for presence and sanity only: no timing assertions.
 */
@ExtendWith(SharedIndicatorStack.class)
class BenchTest {

    private static final List<String> FIGURES = List.of("producer_events_per_s", "raw_consume_events_per_s", "floor_events_per_s",
            "pipeline_events_per_s", "ratio_floor", "ratio_raw", "records_written_per_event", "bytes_written_per_event",
            "floor_records_written_per_event", "gc_pause_ms", "state_caught_up_s", "totals_caught_up_s", "restore_s", "restore_wiped_s", "totals_topic_settle_s",
            "recount_mismatches", "recount_checked", "heap_peak_mb", "state_mb");

    private record Run(int exit, String out, String err, Path output) {
        JsonNode json() {
            return ResultReport.readJson(output);
        }
    }

    private static Run bench(IndicatorStack stack, Path dir, BenchCommand command, String... extra) {
        Path output = dir.resolve("bench-result.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> args = new java.util.ArrayList<>(List.of("--events", "2000", "--regions", "20", "--partitions", "2",
                "--bootstrap", stack.bootstrapServers(), "--registry", stack.registryUrl(), "--output", output.toString()));
        args.addAll(List.of(extra));
        int exit = new CommandLine(command).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args.toArray(String[]::new));
        System.out.println(err);
        System.out.println(out);
        return new Run(exit, out.toString(), err.toString(), output);
    }

    /**
     * The production app under {@code clock}, refreshing every second rather than every minute, so that its totals
     * topic settles (late stock changes republished, trailing windows slid) within seconds of its state.
     */
    private static PipelinePhase.Apps refreshingEverySecond(Clock clock) {
        return (settings, meters) -> {
            var s = settings.withRefreshInterval(Duration.ofSeconds(1));
            return new IndicatorStreamsApp(s, s.regionTable(), new RegistryEventCodec(s.registryUrl(), s.registryAutoRegister(), s.registryOverrides()),
                    meters, clock);
        };
    }

    @Test
    void runsEveryPhaseAcrossAShanghaiMidnightAndTheTotalsEqualTheRecount(IndicatorStack stack, @TempDir Path dir) {
        DayTurningClock clock = DayTurningClock.turningAfter(1_000);
        BenchCommand command = new BenchCommand();
        // the production app, under a clock that turns the day mid-run
        command.apps = refreshingEverySecond(clock);
        command.eventsEnd = clock.eventsEnd();
        // no crash phase: its app runs in a process of its own, under the system clock, not under this test's clock
        // (CrashRecoveryTest runs the crash phase)
        Run run = bench(stack, dir, command, "--seconds", "2", "--rate", "500", "--crashes", "0");

        assertThat(run.exit()).as("exit code; stderr:%n%s", run.err()).isZero();
        assertThat(clock.turned()).as("the app's Shanghai day turned during the run").isTrue();
        assertThat(run.err()).contains("day turned during the run");
        assertThat(Files.exists(run.output())).isTrue();
        JsonNode r = run.json();
        assertThat(r.get("passed").asBoolean()).isTrue();
        for (String name : FIGURES) assertThat(r.has(name)).as("figure %s in %s", name, r).isTrue();
        assertThat(r.get("recount_mismatches").asDouble()).isZero();
        assertThat(r.get("recount_mismatches_after_restore").asDouble()).isZero();
        assertThat(r.get("recount_checked_query").asDouble()).isGreaterThan(100);
        assertThat(r.get("recount_checked_topic").asDouble()).isGreaterThan(100);
        assertThat(r.get("pipeline_events_per_s").asDouble()).isPositive();
        assertThat(r.get("floor_events_per_s").asDouble()).isPositive();
        assertThat(r.get("ratio_floor").asDouble()).isPositive();
        assertThat(r.get("floor_records_written_per_event").asDouble()).as("the floor writes its counts").isPositive();
        for (String c : TopicWrites.CLASSES) {
            assertThat(r.at("/records_written_per_event_by_class/" + c).asDouble()).as("records written to %s", c).isPositive();
        }
        assertThat(r.at("/cpu_us_per_event/app").asDouble()).isPositive();
        assertThat(r.at("/cpu_us_per_event").has("broker")).as("an external cluster's broker is not measured").isFalse();
        assertThat(r.at("/latency_ms/p50").isNumber()).isTrue();
        assertThat(r.at("/latency_ms/p99").asDouble()).isGreaterThanOrEqualTo(r.at("/latency_ms/p50").asDouble());
        assertThat(r.at("/latency_ms/p999").asDouble()).isGreaterThanOrEqualTo(r.at("/latency_ms/p99").asDouble());
        assertThat(r.at("/spread/pipeline_events_per_s/values").size()).isEqualTo(1);
        assertThat(r.at("/setup/processing_guarantee").isMissingNode() ? r.at("/setup/processingGuarantee").asText() : "")
                .isEqualTo("exactly_once_v2");

        assertThat(run.out()).contains("pipeline / floor").contains("pipeline / raw consume").contains("p50 / p99 / p99.9")
                .contains("restart until queryable").contains("state on disk");
        assertThat(run.err()).contains("bench: publish:").contains("bench: floor:").contains("bench: pipeline:")
                .contains("bench: recount:").contains("bench: restore:");
    }

    @Test
    void aRecountThatDiffersFailsEveryRunWithExitCodeOneAndNamesTheMismatches(IndicatorStack stack, @TempDir Path dir) {
        BenchCommand command = new BenchCommand();
        command.apps = refreshingEverySecond(Clock.systemUTC());
        // the recount misses one case the pipeline counted, as if the pipeline had counted an event twice or invented one
        command.recountInput = tape -> tape.withoutCase(tape.caseIndex(0));
        Run run = bench(stack, dir, command, "--seconds", "0", "--no-wiped-restore", "--repeat", "2", "--crashes", "0");

        assertThat(run.exit()).as("exit code; stderr:%n%s", run.err()).isEqualTo(1);
        assertThat(run.err()).contains("bench: FAILED: the pipeline's totals differ from the batch recount").contains("MISMATCH query 000000")
                .contains("MISMATCH topic 000000");
        JsonNode r = run.json();
        assertThat(r.get("passed").asBoolean()).isFalse();
        assertThat(r.get("recount_mismatches_query").asDouble()).isPositive();
        assertThat(r.get("recount_mismatches_topic").asDouble()).isPositive();
        assertThat(r.get("recount_mismatch_examples").size()).isPositive();
        // both runs of the pipeline were checked, each against the topic from where its own run began
        assertThat(r.get("runs").asInt()).isEqualTo(2);
        assertThat(r.at("/spread/recount_mismatches_topic/values").size()).isEqualTo(2);
        assertThat(r.at("/spread/recount_mismatches_topic/min").asDouble()).isPositive();
        assertThat(r.at("/spread/pipeline_events_per_s/values").size()).isEqualTo(2);
        assertThat(r.at("/spread/restore_s/values").size()).isEqualTo(2);
        assertThat(run.out()).contains("2 runs: median [min - max]");
    }
}
