package dev.indicators.app.demo;

import dev.indicators.app.support.Http;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Quick start's first command, as a newcomer runs it: the demo starts its own broker and registry, loads the
 * sample built from the published figures, and answers the README's totals URL with Qingpu's published 79.
 */
class DemoCommandTest {

    @Test
    void the_demo_answers_the_readme_url_with_the_published_figure_and_stops_cleanly() throws Exception {
        DemoCommand demo = new DemoCommand();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> new CommandLine(demo).execute("--http-port", "0"));

        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (demo.baseUrl() == null && !exit.isDone() && System.nanoTime() < deadline) Thread.sleep(200);
        assertThat(exit).as("the demo is still running").isNotDone();
        assertThat(demo.baseUrl()).isNotNull();

        Http http = new Http(demo.baseUrl());
        http.awaitTotal("310118", "reconsideration.accepted", "year:2017", 79);
        assertThat(http.get("/health/ready").status()).isEqualTo(200);

        demo.requestStop();
        assertThat(exit.get(2, TimeUnit.MINUTES)).isZero();
    }

    @Test
    void help_lists_the_options_a_newcomer_needs() {
        java.io.StringWriter out = new java.io.StringWriter();
        new CommandLine(new DemoCommand()).setOut(new java.io.PrintWriter(out)).execute("--help");
        assertThat(out.toString()).contains("--http-port").contains("--no-sample-data").contains("--data-dir");
    }
}
