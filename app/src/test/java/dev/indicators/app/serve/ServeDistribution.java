package dev.indicators.app.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The serve distribution {@code mvn package} built ({@code server/target/indicator-pipeline-<version>-serve.tar.gz}),
 * unpacked with the system's tar as an operator would.
 */
final class ServeDistribution {

    private ServeDistribution() {
    }

    static Path tarball() throws IOException {
        Path target = Path.of("..", "server", "target").toAbsolutePath().normalize();
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-serve.tar.gz")).findFirst().orElseThrow(() ->
                    new IllegalStateException("no serve .tar.gz in " + target + ": build with the reactor (mvn verify, or -pl app -am)"));
        }
    }

    /** Unpacks the tarball into {@code dir} and returns the distribution's root directory. */
    static Path unpack(Path dir) throws IOException, InterruptedException {
        Process tar = new ProcessBuilder("tar", "xzf", tarball().toString(), "-C", dir.toString()).inheritIO().start();
        if (!tar.waitFor(120, TimeUnit.SECONDS) || tar.exitValue() != 0) throw new IllegalStateException("tar failed");
        try (Stream<Path> roots = Files.list(dir)) {
            List<Path> all = roots.toList();
            if (all.size() != 1) throw new IllegalStateException("expected one root directory in the tarball, found " + all);
            return all.get(0);
        }
    }
}
