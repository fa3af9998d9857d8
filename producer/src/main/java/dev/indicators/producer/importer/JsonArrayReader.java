package dev.indicators.producer.importer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.indicators.contract.validation.FieldError;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;

/**
 * A file holding one JSON array of events, streamed element by element. Malformed JSON inside the array ends the
 * file (the parser cannot find the next element reliably): that row is reported and nothing after it is read.
 */
public final class JsonArrayReader extends RecordLoop {

    private static final com.fasterxml.jackson.databind.ObjectMapper STREAMING_MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final com.fasterxml.jackson.core.JsonFactory STREAMING = STREAMING_MAPPER.getFactory();

    private final JsonParser parser;
    private boolean started;
    /** After a row that ends the file (no array, malformed JSON): nothing more is read. */
    private boolean ended;

    JsonArrayReader(InputStream in, CountingInputStream counting) throws IOException {
        super(counting);
        this.parser = STREAMING.createParser(in);
    }

    @Override
    protected SourceRow readRow() throws IOException {
        if (ended) return null;
        long line = parser.currentLocation().getLineNr();
        try {
            if (!started) {
                started = true;
                if (parser.nextToken() != JsonToken.START_ARRAY) {
                    ended = true;
                    return SourceRow.unreadable(parser.currentTokenLocation().getLineNr(), new FieldError("(json)", null, "expected a JSON array of events"));
                }
            }
            JsonToken t = parser.nextToken();
            if (t == JsonToken.END_ARRAY || t == null) return null;
            line = parser.currentTokenLocation().getLineNr();
            JsonNode node = parser.readValueAsTree();
            return SourceRow.of(line, node);
        } catch (JsonProcessingException e) {
            ended = true;
            long at = e.getLocation() == null ? line : e.getLocation().getLineNr();
            return SourceRow.unreadable(at, new FieldError("(json)", null, "malformed JSON: " + e.getOriginalMessage() + " (rest of the file skipped)"));
        }
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
