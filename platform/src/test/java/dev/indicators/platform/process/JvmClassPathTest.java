package dev.indicators.platform.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;

/** The broker child JVM runs on our class path, also under Surefire's manifest-only booter jar. */
class JvmClassPathTest {

    @Test
    void theCurrentClassPathHoldsTheKafkaBroker() {
        assertThat(JvmClassPath.current().entries()).anyMatch(e -> Path.of(e).getFileName().toString().startsWith("kafka_2.13-"));
    }

    @Test
    void relativeEntriesBecomeAbsoluteSinceTheChildRunsElsewhere() {
        Path here = Path.of("").toAbsolutePath();

        assertThat(JvmClassPath.of("app.jar" + File.pathSeparator + "lib/*").entries())
                .containsExactly(here.resolve("app.jar").toString(), here.resolve("lib") + File.separator + "*");
    }

    @Test
    void aManifestOnlyJarIsExpandedToTheEntriesItNames(@TempDir Path dir) throws IOException {
        Path booter = dir.resolve("booter.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, "lib/a%20b.jar file:/opt/classes/");
        try (OutputStream out = new JarOutputStream(Files.newOutputStream(booter), manifest)) {
            // the manifest is all it has
        }

        assertThat(JvmClassPath.of(booter.toString()).entries())
                .containsExactly(booter.toString(), dir.resolve("lib/a b.jar").toString(), "/opt/classes");
    }
}
