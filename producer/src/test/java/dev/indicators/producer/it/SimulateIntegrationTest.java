package dev.indicators.producer.it;

import dev.indicators.platform.IndicatorStack;
import dev.indicators.platform.junit.SharedIndicatorStack;
import dev.indicators.producer.simulate.SimulateCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code indicators simulate} publishing to the real broker and registry. */
@ExtendWith(SharedIndicatorStack.class)
class SimulateIntegrationTest {

    @Test
    void simulated_events_are_published_and_readable(IndicatorStack stack) {
        long seed = System.nanoTime() % 1_000_000; // caseIds carry the seed: this run's cases are its own
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cli = new CommandLine(new SimulateCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute("--bootstrap", stack.bootstrapServers(), "--registry", stack.registryUrl(), "--events", "2000",
                "--seed", Long.toString(seed), "--progress", "none", "--rate", "0");
        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("published 2,000 events (0 failed)");
        assertThat(TopicReader.read(stack, stack.topics().inputs(), r -> r.key().contains("-s" + seed + "-"), 2000)).hasSize(2000);
    }
}
