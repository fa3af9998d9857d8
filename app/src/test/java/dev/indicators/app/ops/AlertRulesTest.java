package dev.indicators.app.ops;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Prometheus alert rules shipped in ops/prometheus are valid and fire when they should: Prometheus's own
 * promtool checks them and runs their unit tests (alerts.test.yml: each alert fires on the series that should raise
 * it and stays quiet on the others). promtool comes with Debian's prometheus package, which .ci/run installs; on a
 * machine without it this test is skipped locally and fails in CI (CI=true), so CI never passes without running it.
 */
@DisplayName("Alert rules: valid, and each fires exactly when it should (promtool)")
class AlertRulesTest {

    private static final Path RULES_DIR = Path.of("..", "ops", "prometheus");

    @Test
    void the_rules_file_is_valid_prometheus_rules() throws Exception {
        Result r = promtool("check", "rules", "alerts.yml");
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS: 3 rules found");
    }

    @Test
    void every_alert_fires_on_its_condition_and_stays_quiet_otherwise() throws Exception {
        Result r = promtool("test", "rules", "alerts.test.yml");
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS").doesNotContain("FAILED");
    }

    @Test
    void the_rule_tests_cover_every_alert() throws IOException {
        String rules = Files.readString(RULES_DIR.resolve("alerts.yml"));
        String tests = Files.readString(RULES_DIR.resolve("alerts.test.yml"));
        List<String> alerts = rules.lines().map(String::strip).filter(l -> l.startsWith("- alert:"))
                .map(l -> l.substring("- alert:".length()).strip()).toList();
        assertThat(alerts).hasSize(3);
        for (String alert : alerts) {
            assertThat(tests).as("alerts.test.yml tests %s", alert).contains("alertname: " + alert);
        }
    }

    private record Result(int exit, String output) {}

    private static Result promtool(String... args) throws IOException, InterruptedException {
        Path promtool = findPromtool();
        List<String> command = new java.util.ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(RULES_DIR.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static Path findPromtool() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) return candidate;
        }
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        assertThat(ci).as("promtool is not on PATH; .ci/run installs it (Debian package prometheus)").isFalse();
        Assumptions.abort("promtool is not on PATH (apt-get install prometheus); the alert rules were not checked");
        throw new AssertionError("unreachable");
    }
}
