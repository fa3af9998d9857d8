package dev.indicators.contract;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where configuration values come from: environment variables, overridden by system properties of the same
 * name in lower case with dots ({@code INDICATORS_HTTP_PORT} or {@code -Dindicators.http.port}).
 * Typed configuration records read through this, so every knob has one name and one default.
 */
public final class Settings {

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Settings system() {
        Map<String, String> merged = new HashMap<>(System.getenv());
        System.getProperties().forEach((k, v) -> {
            String key = k.toString();
            if (key.startsWith("indicators.")) {
                merged.put(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), v.toString());
            }
        });
        return new Settings(merged);
    }

    public static Settings of(Map<String, String> values) {
        return new Settings(values);
    }

    /** These settings with {@code more} set over them (a command that derives settings, e.g. the secure demo). */
    public Settings with(Map<String, String> more) {
        Map<String, String> merged = new HashMap<>(values);
        merged.putAll(more);
        return new Settings(merged);
    }

    public Optional<String> find(String name) {
        String v = values.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    public String get(String name, String fallback) {
        return find(name).orElse(fallback);
    }

    public int getInt(String name, int fallback) {
        return find(name).map(v -> parse(name, v, Integer::parseInt)).orElse(fallback);
    }

    public long getLong(String name, long fallback) {
        return find(name).map(v -> parse(name, v, Long::parseLong)).orElse(fallback);
    }

    public boolean getBoolean(String name, boolean fallback) {
        return find(name).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new IllegalArgumentException(name + "=" + v + ": expected true or false");
        }).orElse(fallback);
    }

    /** ISO-8601 ({@code PT5M}) or a number with a unit: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 30d}. */
    public Duration getDuration(String name, Duration fallback) {
        return find(name).map(v -> parse(name, v, Settings::duration)).orElse(fallback);
    }

    public static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) {
            return Duration.parse(t.toUpperCase(Locale.ROOT));
        }
        if (t.endsWith("ms")) return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException("unknown unit in " + text);
        };
    }

    private static <T> T parse(String name, String value, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("configuration " + name + "=" + value + " is not valid: " + e.getMessage(), e);
        }
    }
}
