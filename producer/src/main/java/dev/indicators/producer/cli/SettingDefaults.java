package dev.indicators.producer.cli;

import dev.indicators.contract.config.Setting;
import dev.indicators.contract.config.SettingCatalogue;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.Optional;

/**
 * Gives an option whose {@code descriptionKey} names a setting ({@code INDICATORS_BOOTSTRAP_SERVERS}) that
 * setting's default from {@link SettingCatalogue}, so {@code --help} shows the one default the model declares
 * ({@code ${DEFAULT-VALUE}}). The value the command runs with is not this default but the one {@link ConfigOptions}
 * resolves: file, environment, system property, then the option if it was given.
 */
public final class SettingDefaults implements IDefaultValueProvider {

    @Override
    public String defaultValue(ArgSpec argSpec) {
        return setting(argSpec).flatMap(Setting::defaultText).filter(v -> !v.isBlank()).orElse(null);
    }

    static Optional<Setting<?>> setting(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option) || option.descriptionKey() == null) return Optional.empty();
        return SettingCatalogue.byName(option.descriptionKey());
    }
}
