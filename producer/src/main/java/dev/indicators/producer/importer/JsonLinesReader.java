package dev.indicators.producer.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.indicators.contract.validation.FieldError;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.NoSuchElementException;

/** JSON Lines: one JSON value a line; blank lines are skipped; a malformed line is a row with a {@code (json)} error. */
public final class JsonLinesReader implements EventFileReader {

    static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final com.fasterxml.jackson.databind.ObjectReader TREE = MAPPER.readerFor(JsonNode.class);

    private final BufferedReader in;
    private final CountingInputStream counting;
    private long lineNo;
    private SourceRow next;
    private boolean done;

    JsonLinesReader(InputStream in, CountingInputStream counting) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        this.counting = counting;
    }

    /** Reads JSON Lines from any stream (bytesRead() then counts nothing). */
    public static JsonLinesReader of(InputStream in) {
        CountingInputStream c = new CountingInputStream(in);
        return new JsonLinesReader(c, c);
    }

    @Override
    public boolean hasNext() {
        if (next != null) return true;
        if (done) return false;
        try {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') line = line.substring(1);
                if (line.isBlank()) continue;
                next = parse(lineNo, line);
                return true;
            }
            done = true;
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SourceRow parse(long lineNo, String line) {
        try {
            JsonNode node = TREE.readValue(line);
            return SourceRow.of(lineNo, node);
        } catch (JsonProcessingException e) {
            return SourceRow.unreadable(lineNo, new FieldError("(json)", abbreviate(line), "malformed JSON: " + e.getOriginalMessage()));
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    @Override
    public SourceRow next() {
        if (!hasNext()) throw new NoSuchElementException();
        SourceRow r = next;
        next = null;
        return r;
    }

    @Override
    public long bytesRead() {
        return counting.count();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
