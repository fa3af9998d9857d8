package dev.indicators.platform.registry;

import dev.indicators.contract.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which registry runs on which JDK: 3.x wants Java 21+, found on the machine; otherwise 2.x on our Java 17. */
class RegistryRuntimeTest {

    @TempDir
    Path jvms;

    private final Jdk java17 = new Jdk(Path.of("/current"), 17, "17.0.15");

    @Test
    void picksTheNewestJdk21OrLaterInstalledNextToOthers() throws IOException {
        fakeJdk("java-17-openjdk-amd64", "17.0.15");
        fakeJdk("temurin-21-jdk-amd64", "21.0.7");
        fakeJdk("temurin-25-jdk-amd64", "25.0.3");

        RegistryRuntime runtime = RegistryRuntime.choose(Optional.empty(), Settings.of(Map.of()), java17, List.of(jvms));

        assertThat(runtime.distribution()).isEqualTo(RegistryDistribution.primary());
        assertThat(runtime.jdk().home()).isEqualTo(jvms.resolve("temurin-25-jdk-amd64"));
        assertThat(runtime.jdk().feature()).isEqualTo(25);
        assertThat(runtime.reason()).contains("25.0.3");
    }

    @Test
    void fallsBackTo2xOnThisJvmWhenNoJdk21IsFound() throws IOException {
        fakeJdk("java-17-openjdk-amd64", "17.0.15");

        RegistryRuntime runtime = RegistryRuntime.choose(Optional.empty(), Settings.of(Map.of()), java17, List.of(jvms));

        assertThat(runtime.distribution()).isEqualTo(RegistryDistribution.fallback());
        assertThat(runtime.distribution().isV3()).isFalse();
        assertThat(runtime.jdk()).isEqualTo(java17);
        assertThat(runtime.reason()).contains("no Java 21+ found");
    }

    @Test
    void registryJavaHomeWinsOverTheScan() throws IOException {
        fakeJdk("temurin-25-jdk-amd64", "25.0.3");
        Path chosen = fakeJdk("custom-21", "21.0.2");

        RegistryRuntime runtime = RegistryRuntime.choose(Optional.empty(),
                Settings.of(Map.of("REGISTRY_JAVA_HOME", chosen.toString())), java17, List.of(jvms));

        assertThat(runtime.jdk().home()).isEqualTo(chosen);
    }

    @Test
    void aRegistryJavaHomeTooOldIsAnError() throws IOException {
        Path old = fakeJdk("java-17", "17.0.15");

        assertThatThrownBy(() -> RegistryRuntime.choose(Optional.empty(),
                Settings.of(Map.of("REGISTRY_JAVA_HOME", old.toString())), java17, List.of(jvms)))
                .hasMessageContaining("is Java 17").hasMessageContaining("needs Java 21+");
    }

    @Test
    void theFallbackCanBeAskedForAndRunsOnThisJvm() {
        RegistryRuntime runtime = RegistryRuntime.choose(Optional.of(RegistryDistribution.fallback().version()),
                Settings.of(Map.of()), java17, List.of(jvms));

        assertThat(runtime.distribution()).isEqualTo(RegistryDistribution.fallback());
        assertThat(runtime.jdk()).isEqualTo(java17);
    }

    @Test
    void readsTheFeatureReleaseFromVersionStrings() {
        assertThat(Jdk.featureOf("25.0.3")).contains(25);
        assertThat(Jdk.featureOf("21")).contains(21);
        assertThat(Jdk.featureOf("1.8.0_392")).contains(8);
        assertThat(Jdk.featureOf("")).isEmpty();
    }

    private Path fakeJdk(String name, String version) throws IOException {
        Path home = jvms.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        Path java = Files.writeString(home.resolve("bin/java"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        return home;
    }
}
