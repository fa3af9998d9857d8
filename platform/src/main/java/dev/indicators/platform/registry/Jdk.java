package dev.indicators.platform.registry;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A JDK (or JRE) installed on this machine, known by its {@code release} file.
 *
 * @param home    its home directory (with {@code bin/java})
 * @param feature the feature release number: 17, 21, 25
 * @param version the full {@code JAVA_VERSION}
 */
public record Jdk(Path home, int feature, String version) {

    /** Where JDKs are usually installed: Debian/Ubuntu and RPM packages, tarballs, SDKMAN, IntelliJ, macOS. */
    public static List<Path> usualLocations() {
        Path userHome = Path.of(System.getProperty("user.home"));
        return List.of(Path.of("/usr/lib/jvm"), Path.of("/usr/java"), Path.of("/opt/java"), Path.of("/opt"),
                userHome.resolve(".sdkman/candidates/java"), userHome.resolve(".jdks"),
                Path.of("/Library/Java/JavaVirtualMachines"));
    }

    public Path java() {
        return home.resolve("bin").resolve("java");
    }

    public static Jdk current() {
        return new Jdk(Path.of(System.getProperty("java.home")), Runtime.version().feature(), Runtime.version().toString());
    }

    /** The JDK at {@code home}, if it has a readable {@code release} file and an executable {@code bin/java}. */
    public static Optional<Jdk> at(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin").resolve("java"))) {
            return Optional.empty();
        }
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(release)) {
            props.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        String version = props.getProperty("JAVA_VERSION", "").replace("\"", "").trim();
        return featureOf(version).map(f -> new Jdk(home, f, version));
    }

    /** The newest JDK of at least {@code minimumFeature} directly under one of {@code parents}. */
    public static Optional<Jdk> newestUnder(List<Path> parents, int minimumFeature) {
        return parents.stream()
                .filter(Files::isDirectory)
                .flatMap(Jdk::children)
                .flatMap(dir -> Stream.of(dir, dir.resolve("Contents/Home"))) // macOS bundles
                .map(Jdk::at)
                .flatMap(Optional::stream)
                .filter(jdk -> jdk.feature() >= minimumFeature)
                .max(Comparator.comparingInt(Jdk::feature).thenComparing(jdk -> jdk.home().toString()));
    }

    /** "25.0.3" → 25, "21" → 21, "1.8.0_392" → 8. */
    static Optional<Integer> featureOf(String version) {
        if (version.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = version.split("[.+_-]");
        try {
            int first = Integer.parseInt(parts[0]);
            return Optional.of(first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Stream<Path> children(Path parent) {
        try (Stream<Path> list = Files.list(parent)) {
            return list.filter(Files::isDirectory).sorted().toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }
}
