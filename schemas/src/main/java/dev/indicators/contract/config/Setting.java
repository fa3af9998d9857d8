package dev.indicators.contract.config;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One configuration variable, declared once: its name ({@code INDICATORS_HTTP_PORT}, also readable as the system
 * property {@code indicators.http.port} and the properties-file key of either spelling), what kind of value it takes,
 * its default as text (parsed like any other value, so the documented default is the one used) and a description in
 * whole sentences. The catalogue of every setting is {@link SettingCatalogue}; values are read through
 * {@link dev.indicators.contract.Settings#value(Setting)}.
 *
 * @param defaultText   the default as it would be written in the environment; empty when the setting is unset by default
 * @param documentedDefault how the reference shows the default when it depends on the machine (e.g. the processor count)
 * @param secret        a password, token or JAAS line: printed masked
 */
public record Setting<T>(String name, String group, String kind, Optional<String> defaultText, String documentedDefault,
                         String description, boolean secret, Function<String, T> parser) {

    public Setting {
        Objects.requireNonNull(name, "name");
        if (!name.startsWith("INDICATORS_")) throw new IllegalArgumentException("setting names start with INDICATORS_: " + name);
        if (!description.endsWith(".")) throw new IllegalArgumentException(name + ": the description is a whole sentence ending with a full stop");
    }

    /** The system-property spelling: {@code indicators.http.port}. */
    public String propertyName() {
        return name.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** Parses a value of this setting; a bad value gets an error naming the setting and the value. */
    public T parse(String text) {
        try {
            return parser.apply(text.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("configuration " + name + "=" + text + " is not valid (" + kind + " expected): "
                    + e.getMessage(), e);
        }
    }

    /** The same setting, printed masked. */
    Setting<T> masked() {
        return new Setting<>(name, group, kind, defaultText, documentedDefault, description, true, parser);
    }

    /** The same setting with a default the reference describes in words (it depends on the machine). */
    Setting<T> documentedAs(String words) {
        return new Setting<>(name, group, kind, defaultText, words, description, secret, parser);
    }

    /** How a value of this setting is shown: secrets as {@code ****}. */
    public String shown(String value) {
        return secret && value != null && !value.isEmpty() ? "****" : value;
    }
}
