package dev.indicators.app.health;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether the process can serve: every {@link ReadinessCheck} passes. Otherwise the report names each part that is
 * not ready and why (a check that throws counts as not ready, with the exception as the reason).
 */
public final class Readiness {

    private final List<ReadinessCheck> checks;

    public Readiness(List<ReadinessCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    /** One part's state, as {@code /health/ready} shows it. */
    public record Component(String status, String detail) {
    }

    /** {@code status} UP or DOWN; {@code notReady} lists the parts that are DOWN (absent when all are UP). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Report(String status, List<String> notReady, Map<String, Component> components) {
        public boolean ready() {
            return "UP".equals(status);
        }
    }

    public Report check() {
        Map<String, Component> components = new LinkedHashMap<>();
        List<String> notReady = new ArrayList<>();
        for (ReadinessCheck c : checks) {
            ReadinessCheck.Status s;
            try {
                s = c.check();
            } catch (RuntimeException e) {
                s = ReadinessCheck.Status.notReady(e.toString());
            }
            components.put(c.name(), new Component(s.ready() ? "UP" : "DOWN", s.detail()));
            if (!s.ready()) notReady.add(c.name());
        }
        return new Report(notReady.isEmpty() ? "UP" : "DOWN", notReady.isEmpty() ? null : notReady, components);
    }
}
