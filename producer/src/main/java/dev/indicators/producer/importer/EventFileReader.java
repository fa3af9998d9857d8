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
            refuseEmptyOrBinary(file, format, in);
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

    /**
     * An empty file, or one whose first bytes are not UTF-8 text (a binary file given by mistake), is a usage error
     * naming the file, as an empty CSV is, rather than an import of nothing or a row of garbage per "line".
     */
    private static void refuseEmptyOrBinary(Path file, Format format, InputStream in) throws IOException {
        int sniff = 8192;
        in.mark(sniff);
        byte[] head = in.readNBytes(sniff);
        in.reset();
        String expected = switch (format) {
            case JSON_LINES -> "JSON Lines (one JSON event a line)";
            case JSON -> "a JSON array of events or JSON Lines";
            case CSV -> "a header row naming the JSON fields";
        };
        boolean blank = true;
        for (byte b : head) {
            if (b == 0) {
                throw new ImportFileException(file + ": not a text file (it holds a NUL byte); expected " + expected);
            }
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != (byte) 0xEF && b != (byte) 0xBB && b != (byte) 0xBF) blank = false;
        }
        if (blank && head.length < sniff) throw new ImportFileException(file + ":1: empty file: expected " + expected);
        java.nio.charset.CharsetDecoder utf8 = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT).onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(head);
        java.nio.charset.CoderResult r = utf8.decode(bytes, java.nio.CharBuffer.allocate(head.length), head.length < sniff);
        if (r.isError()) {
            throw new ImportFileException(file + ": not a UTF-8 text file (byte 0x" + String.format("%02x", head[bytes.position()] & 0xff)
                    + " at offset " + bytes.position() + "); expected " + expected);
        }
    }
}
