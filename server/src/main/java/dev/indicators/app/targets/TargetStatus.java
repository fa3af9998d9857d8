package dev.indicators.app.targets;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a target is met over a period; NO_DATA when the total has no value (a rate over nothing). */
public enum TargetStatus {
    MET("met"), MISSED("missed"), NO_DATA("no data");

    private final String text;

    TargetStatus(String text) {
        this.text = text;
    }

    @JsonValue
    public String text() {
        return text;
    }

    public static TargetStatus of(Target target, Double value) {
        if (value == null || value.isNaN()) return NO_DATA;
        return target.metBy(value) ? MET : MISSED;
    }

    public static TargetStatus fromText(String text) {
        for (TargetStatus s : values()) if (s.text.equals(text)) return s;
        throw new IllegalArgumentException("unknown target status '" + text + "'");
    }
}
