package dev.indicators.platform.registry;

import dev.indicators.contract.Settings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * An unpacked Apicurio Registry server distribution. The platform build unpacks them (maven-dependency-plugin) into
 * {@code platform/target/apicurio/<version>} and records that directory in the jar, so the app finds them too.
 * {@code INDICATORS_REGISTRY_HOME} (or {@code -Dindicators.registry.home}) points elsewhere.
 *
 * @param version   e.g. {@code 3.3.3} (a Quarkus {@code quarkus-app} layout) or {@code 2.6.13.Final} (one runner jar)
 * @param directory where it is unpacked
 */
public record RegistryDistribution(String version, Path directory) {

    private static final String BUILD_INFO = "/dev/indicators/platform/registry-distributions.properties";

    /** The distribution we prefer (3.x, Java 21+). */
    public static RegistryDistribution primary() {
        return of(buildInfo().getProperty("version"));
    }

    /** The one that runs on Java 17 (2.x). */
    public static RegistryDistribution fallback() {
        return of(buildInfo().getProperty("fallbackVersion"));
    }

    public static RegistryDistribution of(String version) {
        return new RegistryDistribution(version, home().resolve(version));
    }

    public int majorVersion() {
        return Integer.parseInt(version.split("\\.")[0]);
    }

    /** 3.x serves {@code /apis/registry/v3} and a separate management port; 2.x serves {@code /apis/registry/v2}. */
    public boolean isV3() {
        return majorVersion() >= 3;
    }

    /** The minimum Java feature release it runs on. */
    public int minimumJava() {
        return isV3() ? 21 : 17;
    }

    public boolean isUnpacked() {
        return launchJar().isPresent();
    }

    /** {@code quarkus-run.jar} (3.x) or the {@code *-runner.jar} (2.x). */
    public Optional<Path> launchJar() {
        Path quarkusRun = directory.resolve("quarkus-run.jar");
        if (Files.isRegularFile(quarkusRun)) {
            return Optional.of(quarkusRun);
        }
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-runner.jar")).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public Path requireLaunchJar() {
        return launchJar().orElseThrow(() -> new IllegalStateException("Apicurio Registry " + version
                + " is not unpacked in " + directory + ": build the platform module (mvn -pl platform package), "
                + "which unpacks it, or set INDICATORS_REGISTRY_HOME to a directory holding <version>/ distributions"));
    }

    /**
     * What {@code java -jar <launch jar>} would do, spelled out so another main class can run first
     * ({@code ParentWatch}): its main class and the JVM options its manifest asks for.
     */
    public LaunchManifest launchManifest() {
        Path jar = requireLaunchJar();
        try (JarFile file = new JarFile(jar.toFile())) {
            Attributes main = file.getManifest().getMainAttributes();
            List<String> options = new ArrayList<>();
            for (String module : words(main.getValue("Add-Opens"))) {
                options.add("--add-opens=" + module + "=ALL-UNNAMED");
            }
            for (String module : words(main.getValue("Add-Exports"))) {
                options.add("--add-exports=" + module + "=ALL-UNNAMED");
            }
            if (main.getValue("Enable-Native-Access") != null) {
                options.add("--enable-native-access=ALL-UNNAMED");
            }
            return new LaunchManifest(jar, main.getValue(Attributes.Name.MAIN_CLASS), options);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the manifest of " + jar, e);
        }
    }

    /** @param jvmOptions what the manifest's {@code Add-Opens} etc. translate to on the command line */
    public record LaunchManifest(Path jar, String mainClass, List<String> jvmOptions) {
    }

    private static List<String> words(String value) {
        return value == null || value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
    }

    /** The directory holding one sub-directory per unpacked version. */
    public static Path home() {
        Settings settings = Settings.system();
        Optional<String> configured = settings.find(dev.indicators.contract.config.SettingCatalogue.REGISTRY_HOME).map(Object::toString);
        if (configured.isPresent()) {
            return Path.of(configured.get());
        }
        Path built = Path.of(buildInfo().getProperty("home"));
        if (Files.isDirectory(built)) {
            return built;
        }
        // A copy of the project elsewhere (bin/indicators passes -Dindicators.home)
        return settings.find(dev.indicators.contract.config.SettingCatalogue.HOME).map(Object::toString).map(h -> Path.of(h, "platform", "target", "apicurio")).orElse(built);
    }

    private static Properties buildInfo() {
        Properties props = new Properties();
        try (InputStream in = RegistryDistribution.class.getResourceAsStream(BUILD_INFO)) {
            if (in == null) {
                throw new IllegalStateException(BUILD_INFO + " is missing from the platform jar");
            }
            props.load(in);
            return props;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
