package dev.indicators.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.indicators.platform.IndicatorStack;
import dev.indicators.platform.junit.SharedIndicatorStack;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly-once under crashes, on the real broker and registry: the streams app runs as its own OS process over
 * 200,000 events and is killed with SIGKILL three times (twice at random points while it aggregates, once after it
 * has caught up) and started again each time; afterwards the query API and a read_committed scan of the totals topic
 * both equal the batch recount. The kill points come from the bench's seed, drawn here for each run and printed.
 */
@Tag("fault") // minutes of processes killed and restarted: mvn -Pfaults verify
@ExtendWith(SharedIndicatorStack.class)
class CrashRecoveryTest {

    @Test
    void anAppKilledThreeTimesWithSigkillLosesNothingAndCountsNothingTwice(IndicatorStack stack, @TempDir Path dir) {
        long seed = new java.util.Random().nextInt(1_000_000);
        System.out.println("CrashRecoveryTest: seed " + seed + " (the kill points and the events; replay with bin/indicators bench --seed " + seed + ")");
        Path output = dir.resolve("bench-result.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new BenchCommand()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(
                "--events", "200000", "--regions", "60", "--partitions", "4", "--crashes", "3", "--crash-only", "--seed", Long.toString(seed),
                "--bootstrap", stack.bootstrapServers(), "--registry", stack.registryUrl(), "--output", output.toString());
        System.out.println(err);
        System.out.println(out);

        assertThat(exit).as("exit code (seed %d); stderr:%n%s", seed, err).isZero();
        JsonNode r = ResultReport.readJson(output);
        assertThat(r.get("passed").asBoolean()).isTrue();
        assertThat(r.get("crash_kills").asInt()).isEqualTo(3);
        assertThat(r.at("/spread/crash_recovery_s/values").size()).isEqualTo(3);
        assertThat(r.get("recount_mismatches_after_crashes").asDouble()).isZero();
        assertThat(r.get("recount_checked_after_crashes_query").asDouble()).as("totals asked of the query API").isGreaterThan(1_000);
        assertThat(r.get("recount_checked_after_crashes_topic").asDouble()).as("totals read on the topic").isGreaterThan(1_000);
        assertThat(err.toString()).contains("crash 1 of 3: SIGKILL at a random point").contains("crash 2 of 3: SIGKILL at a random point")
                .contains("crash 3 of 3: SIGKILL after catching up").contains("after crashes: ");
    }
}
