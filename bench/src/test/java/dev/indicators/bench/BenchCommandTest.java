package dev.indicators.bench;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BenchCommandTest {

    private static BenchConfig parse(String... args) {
        BenchCommand command = new BenchCommand();
        new CommandLine(command).parseArgs(args);
        return command.config();
    }

    @Test
    void defaultsAreTheFullSizeRun() {
        BenchConfig c = parse();
        assertThat(c.events()).isEqualTo(2_000_000);
        assertThat(c.regions()).isEqualTo(3_200);
        assertThat(c.rate()).isEqualTo(5_000);
        assertThat(c.latencyPhase()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.external()).isFalse();
        assertThat(c.streamThreads()).isEmpty();
    }

    @Test
    void quickIsSmallerButExplicitOptionsWin() {
        BenchConfig quick = parse("--quick");
        assertThat(quick.events()).isEqualTo(200_000);
        assertThat(quick.latencyPhase()).isEqualTo(Duration.ofSeconds(15));
        assertThat(quick.quick()).isTrue();
        BenchConfig mixed = parse("--quick", "--events", "1000", "--seconds", "3", "--threads", "2");
        assertThat(mixed.events()).isEqualTo(1000);
        assertThat(mixed.latencyPhase()).isEqualTo(Duration.ofSeconds(3));
        assertThat(mixed.latencyEvents()).isEqualTo(15_000);
        assertThat(mixed.streamThreads()).contains(2);
    }

    @Test
    void bootstrapNeedsItsRegistry() {
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new BenchCommand()).setErr(new PrintWriter(err, true)).execute("--bootstrap", "127.0.0.1:9092");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--registry");
    }

    @Test
    void repeatAndTheTopicsPeriodKindsAreOptions() {
        BenchConfig c = parse();
        assertThat(c.repeat()).isEqualTo(1);
        assertThat(c.topicPeriods()).containsExactlyInAnyOrder("month", "quarter", "year", "all", "trailing");
        assertThat(c.wipedRestore()).isTrue();
        BenchConfig other = parse("--repeat", "3", "--topic-periods", "day,month,all", "--no-wiped-restore");
        assertThat(other.repeat()).isEqualTo(3);
        assertThat(other.topicPeriods()).containsExactlyInAnyOrder("day", "month", "all");
        assertThat(other.wipedRestore()).isFalse();
    }

    @Test
    void anUnknownPeriodKindOrNoRunIsAUsageError() {
        for (String[] args : new String[][]{{"--topic-periods", "month,week"}, {"--repeat", "0"}}) {
            StringWriter err = new StringWriter();
            int exit = new CommandLine(new BenchCommand()).setErr(new PrintWriter(err, true)).execute(args);
            assertThat(exit).isEqualTo(2);
            assertThat(err.toString()).contains(args[0]);
        }
    }
}
