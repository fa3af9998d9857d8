package dev.indicators.producer.cli;

import dev.indicators.contract.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code --config FILE} option every command shares ({@code @Mixin ConfigOptions config;}), and the one place a
 * command's {@link Settings} are loaded: the properties file, then the environment, then {@code -Dindicators.*},
 * then each option of the command whose {@code descriptionKey} names a setting and that was given on the command line.
 */
public class ConfigOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "A properties file of settings (INDICATORS_HTTP_PORT=8080 or indicators.http.port=8080). "
                    + "Environment variables override it and command-line options override both; docs/configuration.md lists every setting.")
    public Path configFile;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** The command's settings, loaded once: file &lt; environment &lt; system properties &lt; command-line options. */
    public Settings settings() {
        return Settings.load(Optional.ofNullable(configFile), commandLineValues());
    }

    /** The options given on the command line that stand for a setting, by setting name. */
    public Map<String, String> commandLineValues() {
        Map<String, String> given = new HashMap<>();
        if (mixee == null) return given;
        CommandLine.ParseResult parsed = mixee.commandLine().getParseResult();
        if (parsed == null) return given;
        for (OptionSpec option : parsed.matchedOptions()) {
            SettingDefaults.setting(option).ifPresent(s -> {
                Object value = option.getValue();
                if (value != null) given.put(s.name(), value.toString());
            });
        }
        return given;
    }
}
