package dev.indicators.contract;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build fails when a schema is changed in a way that new readers cannot read data written with the previous
 * released version (BACKWARD), which is the compatibility the registry enforces on every subject.
 * Released versions are kept under src/main/avro/history/vN/; the newest N is the previous release.
 */
class SchemaCompatibilityTest {

    private static final Path CURRENT = Path.of("src/main/avro");
    private static final Path HISTORY = CURRENT.resolve("history");

    @TestFactory
    Stream<DynamicTest> every_current_schema_can_read_data_written_with_the_previous_release() throws IOException {
        Path previous = latestRelease();
        try (Stream<Path> files = Files.list(CURRENT)) {
            List<Path> schemas = files.filter(p -> p.toString().endsWith(".avsc")).sorted().toList();
            assertThat(schemas).as("one schema per event type, and IndicatorTotal").hasSize(EventType.values().length + 1);
            return schemas.stream().map(current -> DynamicTest.dynamicTest(current.getFileName().toString(), () -> {
                Path old = previous.resolve(current.getFileName());
                assertThat(old).as("a released version of %s under %s", current.getFileName(), previous).exists();
                SchemaCompatibility.SchemaPairCompatibility result =
                        SchemaCompatibility.checkReaderWriterCompatibility(parse(current), parse(old));
                assertThat(result.getType())
                        .as("%s is not BACKWARD compatible with %s: %s", current, old, result.getResult().getIncompatibilities())
                        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
            })).toList().stream();
        }
    }

    @Test
    void the_check_itself_rejects_a_new_required_field_without_default() {
        Schema old = new Schema.Parser().parse("""
                {"type":"record","name":"R","fields":[{"name":"a","type":"string"}]}""");
        Schema changed = new Schema.Parser().parse("""
                {"type":"record","name":"R","fields":[{"name":"a","type":"string"},{"name":"b","type":"string"}]}""");
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(changed, old).getType())
                .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }

    @Test
    void the_check_accepts_a_new_optional_field_with_default() {
        Schema old = new Schema.Parser().parse("""
                {"type":"record","name":"R","fields":[{"name":"a","type":"string"}]}""");
        Schema changed = new Schema.Parser().parse("""
                {"type":"record","name":"R","fields":[{"name":"a","type":"string"},{"name":"b","type":["null","string"],"default":null}]}""");
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(changed, old).getType())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    private static Path latestRelease() throws IOException {
        try (Stream<Path> versions = Files.list(HISTORY)) {
            return versions.filter(Files::isDirectory)
                    .max(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().substring(1))))
                    .orElseThrow(() -> new AssertionError("no released schemas under " + HISTORY));
        }
    }

    private static Schema parse(Path p) throws IOException {
        return new Schema.Parser().parse(p.toFile());
    }
}
