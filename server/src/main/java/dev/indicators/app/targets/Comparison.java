package dev.indicators.app.targets;

import java.util.Arrays;

/** How a target compares a total with its threshold. */
public enum Comparison {
    AT_LEAST(">="), MORE_THAN(">"), AT_MOST("<="), LESS_THAN("<");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean holds(double value, double threshold) {
        return switch (this) {
            case AT_LEAST -> value >= threshold;
            case MORE_THAN -> value > threshold;
            case AT_MOST -> value <= threshold;
            case LESS_THAN -> value < threshold;
        };
    }

    /** @throws IllegalArgumentException naming the value and the ones allowed */
    public static Comparison parse(String text) {
        String t = text == null ? "" : text.trim();
        return Arrays.stream(values()).filter(c -> c.symbol.equals(t)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("comparator '" + text + "' is not one of >=, >, <=, <"));
    }
}
