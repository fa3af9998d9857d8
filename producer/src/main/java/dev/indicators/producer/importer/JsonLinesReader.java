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
public final class JsonLinesReader extends RecordLoop {

    static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final com.fasterxml.jackson.databind.ObjectReader TREE = MAPPER.readerFor(JsonNode.class);

    private final BufferedReader in;
    private long lineNo;

    JsonLinesReader(InputStream in, CountingInputStream counting) {
        super(counting);
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    /** Reads JSON Lines from any stream (bytesRead() then counts nothing). */
    public static JsonLinesReader of(InputStream in) {
        CountingInputStream c = new CountingInputStream(in);
        return new JsonLinesReader(c, c);
    }

    @Override
    protected SourceRow readRow() throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') line = line.substring(1);
            if (!line.isBlank()) return parse(lineNo, line);
        }
        return null;
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
    public void close() throws IOException {
        in.close();
    }
}
