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
public final class JsonArrayReader implements EventFileReader {

    private static final com.fasterxml.jackson.databind.ObjectMapper STREAMING_MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final com.fasterxml.jackson.core.JsonFactory STREAMING = STREAMING_MAPPER.getFactory();

    private final JsonParser parser;
    private final CountingInputStream counting;
    private SourceRow next;
    private boolean done;
    private boolean started;

    JsonArrayReader(InputStream in, CountingInputStream counting) throws IOException {
        this.parser = STREAMING.createParser(in);
        this.counting = counting;
    }

    @Override
    public boolean hasNext() {
        if (next != null) return true;
        if (done) return false;
        long line = parser.currentLocation().getLineNr();
        try {
            if (!started) {
                started = true;
                if (parser.nextToken() != JsonToken.START_ARRAY) {
                    done = true;
                    next = SourceRow.unreadable(parser.currentTokenLocation().getLineNr(), new FieldError("(json)", null, "expected a JSON array of events"));
                    return true;
                }
            }
            JsonToken t = parser.nextToken();
            if (t == JsonToken.END_ARRAY || t == null) {
                done = true;
                return false;
            }
            line = parser.currentTokenLocation().getLineNr();
            JsonNode node = parser.readValueAsTree();
            next = SourceRow.of(line, node);
            return true;
        } catch (JsonProcessingException e) {
            done = true;
            long at = e.getLocation() == null ? line : e.getLocation().getLineNr();
            next = SourceRow.unreadable(at, new FieldError("(json)", null, "malformed JSON: " + e.getOriginalMessage() + " (rest of the file skipped)"));
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        parser.close();
    }
}
