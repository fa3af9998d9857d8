package dev.indicators.producer.importer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JSON Lines import files, and how a file's format is chosen. */
class JsonLinesReaderTest {

    @TempDir
    Path dir;

    private static List<SourceRow> read(EventFileReader r) throws IOException {
        List<SourceRow> rows = new ArrayList<>();
        try (r) {
            r.forEachRemaining(rows::add);
        }
        return rows;
    }

    @Test
    void one_object_a_line_blank_lines_skipped_line_numbers_kept() throws IOException {
        String text = "{\"eventId\":\"a\"}\n\n{\"eventId\":\"b\"}\n";
        List<SourceRow> rows = read(JsonLinesReader.of(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));
        assertThat(rows).extracting(SourceRow::line).containsExactly(1L, 3L);
        assertThat(rows.get(1).node().get("eventId").asText()).isEqualTo("b");
    }

    @Test
    void a_malformed_line_is_a_row_with_a_json_error_and_the_next_lines_are_still_read() throws IOException {
        String text = "{\"eventId\":\n{\"eventId\":\"ok\"} trailing\n{\"eventId\":\"c\"}\n";
        List<SourceRow> rows = read(JsonLinesReader.of(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).error().field()).isEqualTo("(json)");
        assertThat(rows.get(0).error().reason()).startsWith("malformed JSON");
        assertThat(rows.get(1).error().reason()).startsWith("malformed JSON"); // trailing garbage is not ignored
        assertThat(rows.get(2).readable()).isTrue();
    }

    @Test
    void the_format_follows_the_file_name_and_bytes_read_reach_the_file_size() throws IOException {
        Path f = Files.writeString(dir.resolve("events.ndjson"), "{\"a\":1}\n{\"a\":2}\n");
        EventFileReader r = EventFileReader.open(f, Optional.empty());
        assertThat(r).isInstanceOf(JsonLinesReader.class);
        assertThat(read(r)).hasSize(2);
        assertThat(r.bytesRead()).isEqualTo(Files.size(f));
        assertThatThrownBy(() -> EventFileReader.open(dir.resolve("events.xml"), Optional.empty()))
                .isInstanceOf(ImportFileException.class).hasMessageContaining("unsupported file type");
        assertThatThrownBy(() -> EventFileReader.open(dir.resolve("missing.jsonl"), Optional.empty()))
                .isInstanceOf(ImportFileException.class).hasMessageContaining("no such file");
    }

    @Test
    void a_json_file_holding_an_array_is_streamed_element_by_element_with_line_numbers() throws IOException {
        Path f = Files.writeString(dir.resolve("events.json"), "[\n {\"eventId\":\"a\"},\n {\"eventId\":\"b\"}\n]\n");
        List<SourceRow> rows = read(EventFileReader.open(f, Optional.empty()));
        assertThat(rows).extracting(SourceRow::line).containsExactly(2L, 3L);
    }
}
