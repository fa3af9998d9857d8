package dev.indicators.contract;

import dev.indicators.contract.access.KafkaClientSecurity;
import dev.indicators.contract.config.Setting;
import dev.indicators.contract.config.SettingCatalogue;
import dev.indicators.contract.config.ValueKinds;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The configuration values of one process, gathered once from their sources. Precedence, lowest first: the
 * defaults of {@link SettingCatalogue}, a properties file ({@code --config FILE}; keys spelled
 * {@code INDICATORS_HTTP_PORT} or {@code indicators.http.port}), environment variables, {@code -Dindicators.*}
 * system properties, command-line options. Typed configuration records read their values through
 * {@link #value(Setting)}, so every knob has one name and one default.
 */
public final class Settings {

    /** Where a value came from, for {@code --print-config}. */
    public enum Source { DEFAULT, FILE, ENVIRONMENT, SYSTEM_PROPERTY, COMMAND_LINE, GIVEN, DERIVED }

    private final Map<String, String> values;
    private final Map<String, Source> sources;

    private Settings(Map<String, String> values, Map<String, Source> sources) {
        this.values = Map.copyOf(values);
        this.sources = Map.copyOf(sources);
    }

    /** The environment and the {@code -Dindicators.*} system properties. */
    public static Settings system() {
        return load(Optional.empty(), Map.of());
    }

    /**
     * A properties file (optional), the environment, the system properties and command-line values, in rising
     * precedence. An {@code INDICATORS_*} key in the file that no setting has is an error naming it (a typo there
     * would otherwise be ignored silently).
     */
    public static Settings load(Optional<Path> file, Map<String, String> commandLine) {
        Map<String, String> merged = new HashMap<>();
        Map<String, Source> sources = new HashMap<>();
        file.ifPresent(f -> {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the configuration file " + f + ": " + e.getMessage(), e);
            }
            p.forEach((k, v) -> {
                String name = canonical(k.toString());
                if (SettingCatalogue.byName(name).isEmpty()) {
                    throw new IllegalArgumentException("configuration file " + f + ": unknown setting " + k
                            + " (docs/configuration.md lists them all)");
                }
                put(merged, sources, name, v.toString(), Source.FILE);
            });
        });
        System.getenv().forEach((k, v) -> put(merged, sources, k, v, Source.ENVIRONMENT));
        System.getProperties().forEach((k, v) -> {
            String key = k.toString();
            if (key.startsWith("indicators.")) put(merged, sources, canonical(key), v.toString(), Source.SYSTEM_PROPERTY);
        });
        commandLine.forEach((k, v) -> put(merged, sources, k, v, Source.COMMAND_LINE));
        return new Settings(merged, sources);
    }

    /** Exactly these values (tests, the bench's own runs). */
    public static Settings of(Map<String, String> values) {
        Map<String, Source> sources = new HashMap<>();
        values.keySet().forEach(k -> sources.put(k, Source.GIVEN));
        return new Settings(values, sources);
    }

    /** These values with {@code more} on top (a command-line option, a value a command decided). */
    public Settings with(Map<String, String> more) {
        Map<String, String> merged = new HashMap<>(values);
        Map<String, Source> s = new HashMap<>(sources);
        more.forEach((k, v) -> put(merged, s, k, v, Source.COMMAND_LINE));
        return new Settings(merged, s);
    }

    /** These values with {@code more} on top, shown as derived (a free port chosen, an address worked out). */
    public Settings derive(Map<String, String> more) {
        Map<String, String> merged = new HashMap<>(values);
        Map<String, Source> s = new HashMap<>(sources);
        more.forEach((k, v) -> put(merged, s, k, v, Source.DERIVED));
        return new Settings(merged, s);
    }

    /** {@code indicators.http.port} or {@code INDICATORS_HTTP_PORT} as {@code INDICATORS_HTTP_PORT}. */
    public static String canonical(String key) {
        return key.trim().toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static void put(Map<String, String> values, Map<String, Source> sources, String name, String value, Source source) {
        if (value == null) return;
        values.put(name, value);
        sources.put(name, source);
    }

    /** The setting's value, or its default; empty when neither is set. */
    public <T> Optional<T> find(Setting<T> setting) {
        Optional<String> text = find(setting.name()).or(() -> setting.defaultText().filter(d -> !d.isBlank() || setting.kind().equals("list")));
        return text.map(setting::parse);
    }

    /** The value of a setting that has a default. */
    public <T> T value(Setting<T> setting) {
        return find(setting).orElseThrow(() -> new IllegalArgumentException(setting.name() + " must be set: " + setting.description()));
    }

    /** The Kafka client properties every client of this process gets ({@code INDICATORS_KAFKA_CLIENT_CONFIG}). */
    public KafkaClientSecurity kafkaClientProperties() {
        return find(SettingCatalogue.KAFKA_CLIENT_CONFIG).map(KafkaClientSecurity::load).orElseGet(KafkaClientSecurity::none);
    }

    /** One row per known setting: its effective value (secrets masked) and where it came from. */
    public List<String> describe() {
        List<String> rows = new ArrayList<>();
        for (Setting<?> s : SettingCatalogue.all()) {
            Optional<String> given = find(s.name());
            String value = given.or(s::defaultText).map(s::shown).orElse("(unset)");
            Source source = given.isPresent() ? sources.getOrDefault(s.name(), Source.GIVEN) : Source.DEFAULT;
            rows.add(s.name() + "=" + value + "    # " + source.name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
        return rows;
    }

    /** {@code INDICATORS_*} names that were given but that no setting has (typos, settings of a newer version). */
    public List<String> unknownNames() {
        TreeSet<String> unknown = new TreeSet<>();
        for (String name : values.keySet()) {
            if (name.startsWith("INDICATORS_") && SettingCatalogue.byName(name).isEmpty()) unknown.add(name);
        }
        return List.copyOf(unknown);
    }

    /** The raw values given, by name (sources merged). */
    public Map<String, String> given() {
        return new LinkedHashMap<>(values);
    }

    /** The raw text of a variable by name (a name outside the catalogue, e.g. REGISTRY_JAVA_HOME of the embedded stack). */
    public Optional<String> find(String name) {
        String v = values.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

}
