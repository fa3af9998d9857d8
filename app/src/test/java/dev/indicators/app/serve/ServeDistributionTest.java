package dev.indicators.app.serve;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("the serve distribution carries what production needs and nothing of the demo or the bench")
class ServeDistributionTest {

    @Test
    void the_tarball_has_the_launcher_and_the_server_classpath_without_platform_bench_or_a_broker(@TempDir Path dir) throws Exception {
        Path root = ServeDistribution.unpack(dir);
        assertThat(root.resolve("bin/indicators")).isExecutable();
        List<String> jars;
        try (Stream<Path> lib = Files.list(root.resolve("lib"))) {
            jars = lib.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(jars).anyMatch(j -> j.startsWith("server-")).anyMatch(j -> j.startsWith("streams-"))
                .anyMatch(j -> j.startsWith("producer-")).anyMatch(j -> j.startsWith("schemas-"))
                .anyMatch(j -> j.startsWith("kafka-streams-")).anyMatch(j -> j.startsWith("javalin-"));
        // the embedded platform, the benchmark, the app launcher with demo, and the Kafka broker itself stay out
        assertThat(jars).noneMatch(j -> j.startsWith("platform-")).noneMatch(j -> j.startsWith("bench-"))
                .noneMatch(j -> j.startsWith("app-")).noneMatch(j -> j.startsWith("kafka_2.13"))
                .noneMatch(j -> j.startsWith("kafka-server")).noneMatch(j -> j.startsWith("kafka-raft"))
                .noneMatch(j -> j.startsWith("selenium"));
    }
}
