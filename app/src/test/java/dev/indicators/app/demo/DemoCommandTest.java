package dev.indicators.app.demo;

import dev.indicators.app.support.Tee;
import dev.indicators.app.IndicatorsCommand;
import dev.indicators.app.support.Http;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Quick start's first command, as a newcomer runs it: the demo starts its own broker and registry quietly (no
 * WARN or ERROR line), loads the sample built from the published figures, says "sample totals ready" only when they
 * can be queried, and then answers the README's totals URL with Qingpu's published 79 at once.
 */
class DemoCommandTest {

    @Test
    void the_demo_starts_quietly_and_answers_the_readme_url_with_the_published_figure_once_it_says_ready() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(new PrintStream(new Tee(out, console), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(err, console), true, StandardCharsets.UTF_8));
        DemoCommand demo = new DemoCommand();
        CompletableFuture<Integer> exit;
        String startOutput;
        try {
            exit = CompletableFuture.supplyAsync(() -> new CommandLine(demo).execute("--http-port", "0"));
            // a bound, not a speed claim: on a loaded 2-core machine the stack and the sample alone took over 6 minutes
            long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
            while (demo.baseUrl() == null && !exit.isDone() && System.nanoTime() < deadline) Thread.sleep(100);
            assertThat(exit).as("the demo is still running").isNotDone();
            assertThat(demo.baseUrl()).isNotNull();

            Http http = new Http(demo.baseUrl());
            Http.Answer answer = http.get("/api/v1/totals?region=310118&indicator=reconsideration.accepted&period=year:2017");
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.json().get("value").asDouble()).isEqualTo(79.0);
            assertThat(http.get("/health/ready").status()).isEqualTo(200);
            startOutput = console.toString(StandardCharsets.UTF_8);

            demo.requestStop();
            assertThat(exit.get(2, TimeUnit.MINUTES)).isZero();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertThat(startOutput).contains("sample totals ready");
        List<String> alarming = Arrays.stream(startOutput.split("\\R"))
                .filter(line -> line.contains("WARN") || line.contains("ERROR") || line.contains("SEVERE")).toList();
        assertThat(alarming).as("WARN or ERROR lines of a clean start").isEmpty();
        assertThat(console.toString(StandardCharsets.UTF_8)).as("the whole run, stop included")
                .doesNotContain("WARN").doesNotContain("ERROR");
    }

    @Test
    void help_lists_the_options_a_newcomer_needs() {
        java.io.StringWriter out = new java.io.StringWriter();
        new CommandLine(new DemoCommand()).setOut(new java.io.PrintWriter(out)).execute("--help");
        assertThat(out.toString()).contains("--http-port").contains("--no-sample-data").contains("--data-dir");
    }

    @Test
    void every_command_is_summed_up_in_a_whole_sentence_in_the_command_list() {
        CommandLine indicators = new CommandLine(new IndicatorsCommand());
        indicators.getSubcommands().forEach((name, command) -> {
            String[] header = command.getCommandSpec().usageMessage().header();
            String summary = header.length > 0 ? header[0] : command.getCommandSpec().usageMessage().description()[0];
            assertThat(summary).as("summary of '%s'", name).endsWith(".");
        });
    }
}
