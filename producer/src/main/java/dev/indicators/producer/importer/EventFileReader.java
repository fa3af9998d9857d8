package dev.indicators.producer.importer;

import dev.indicators.contract.EventType;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the events of one import file one row at a time, never holding the file in memory.
 * Formats by file name: {@code .jsonl}, {@code .ndjson}, {@code .json-lines} (one JSON object a line),
 * {@code .json} (a JSON array of objects, streamed, or JSON Lines if it does not start with {@code [}),
 * {@code .csv} (header row naming the JSON fields). Iteration may throw {@link UncheckedIOException}.
 */
public interface EventFileReader extends Iterator<SourceRow>, AutoCloseable {

    /** Bytes consumed so far (approximately: readers buffer ahead), for progress. */
    long bytesRead();

    @Override
    void close() throws IOException;

    enum Format { JSON_LINES, JSON, CSV }

    static Format formatOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json-lines") || name.endsWith(".jsonlines")) {
            return Format.JSON_LINES;
        }
        if (name.endsWith(".json")) return Format.JSON;
        if (name.endsWith(".csv")) return Format.CSV;
        throw new ImportFileException(file + ": unsupported file type; expected .jsonl, .ndjson, .json-lines, .json or .csv");
    }

    /**
     * Opens a file; {@code type} is the event type for CSV files without a {@code type} column.
     *
     * @throws ImportFileException when the file cannot be read or its header is not usable
     */
    static EventFileReader open(Path file, Optional<EventType> type) {
        Format format = formatOf(file);
        if (!Files.isRegularFile(file)) throw new ImportFileException(file + ": no such file");
        if (!Files.isReadable(file)) throw new ImportFileException(file + ": not readable");
        try {
            CountingInputStream counting = new CountingInputStream(Files.newInputStream(file));
            InputStream in = new BufferedInputStream(counting, 1 << 16);
            return switch (format) {
                case JSON_LINES -> new JsonLinesReader(in, counting);
                case CSV -> new CsvReader(in, counting, type, file.toString());
                case JSON -> {
                    in.mark(1 << 12);
                    int first;
                    do {
                        first = in.read();
                    } while (first == ' ' || first == '\n' || first == '\r' || first == '\t' || first == 0xEF || first == 0xBB || first == 0xBF);
                    in.reset();
                    yield first == '[' ? new JsonArrayReader(in, counting) : new JsonLinesReader(in, counting);
                }
            };
        } catch (IOException e) {
            throw new ImportFileException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
