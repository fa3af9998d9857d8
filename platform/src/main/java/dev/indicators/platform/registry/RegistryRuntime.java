package dev.indicators.platform.registry;

import dev.indicators.contract.Settings;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Which registry distribution runs on which JDK, and why: Apicurio Registry 3.x needs Java 21+, which this project's
 * own JVM (17) is not. We look for a JDK 21+ in this order: {@code REGISTRY_JAVA_HOME} (or
 * {@code INDICATORS_REGISTRY_JAVA_HOME}), this JVM, {@code JAVA_HOME}, then the usual install directories
 * ({@code /usr/lib/jvm/*}, ...). Without one, the 2.x distribution runs on this JVM.
 *
 * @param distribution what runs
 * @param jdk          on what
 * @param reason       one sentence for the log
 */
public record RegistryRuntime(RegistryDistribution distribution, Jdk jdk, String reason) {

    public static RegistryRuntime choose(Optional<String> requestedVersion) {
        return choose(requestedVersion, Settings.system(), Jdk.current(), Jdk.usualLocations());
    }

    static RegistryRuntime choose(Optional<String> requestedVersion, Settings settings, Jdk current, List<Path> jdkLocations) {
        RegistryDistribution primary = RegistryDistribution.primary();
        RegistryDistribution fallback = RegistryDistribution.fallback();
        Optional<String> version = requestedVersion.or(() -> settings.find(dev.indicators.contract.config.SettingCatalogue.REGISTRY_VERSION));
        RegistryDistribution wanted = version.map(RegistryDistribution::of).orElse(primary);
        int minimum = wanted.minimumJava();

        Optional<String> configuredHome = settings.find("REGISTRY_JAVA_HOME").or(() -> settings.find(dev.indicators.contract.config.SettingCatalogue.REGISTRY_JAVA_HOME).map(Object::toString));
        if (configuredHome.isPresent()) {
            Jdk jdk = Jdk.at(Path.of(configuredHome.get())).orElseThrow(() -> new IllegalStateException(
                    "REGISTRY_JAVA_HOME=" + configuredHome.get() + " is not a JDK (no release file or bin/java)"));
            if (jdk.feature() < minimum) {
                throw new IllegalStateException("REGISTRY_JAVA_HOME=" + configuredHome.get() + " is Java " + jdk.feature()
                        + "; Apicurio Registry " + wanted.version() + " needs Java " + minimum + "+");
            }
            return new RegistryRuntime(wanted, jdk, "REGISTRY_JAVA_HOME names Java " + jdk.version());
        }
        if (current.feature() >= minimum) {
            return new RegistryRuntime(wanted, current, "this JVM is Java " + current.feature());
        }
        Optional<Jdk> javaHome = settings.find("JAVA_HOME").flatMap(h -> Jdk.at(Path.of(h))).filter(j -> j.feature() >= minimum);
        if (javaHome.isPresent()) {
            return new RegistryRuntime(wanted, javaHome.get(), "JAVA_HOME is Java " + javaHome.get().version());
        }
        Optional<Jdk> installed = Jdk.newestUnder(jdkLocations, minimum);
        if (installed.isPresent()) {
            return new RegistryRuntime(wanted, installed.get(), "found Java " + installed.get().version() + " in " + installed.get().home());
        }
        if (version.isPresent()) {
            throw new IllegalStateException("Apicurio Registry " + wanted.version() + " was asked for, but it needs Java "
                    + minimum + "+ and none was found (set REGISTRY_JAVA_HOME)");
        }
        return new RegistryRuntime(fallback, current, "no Java " + minimum + "+ found (REGISTRY_JAVA_HOME, JAVA_HOME, "
                + jdkLocations + "), so the Java 17 fallback " + fallback.version() + " runs on this JVM");
    }
}
