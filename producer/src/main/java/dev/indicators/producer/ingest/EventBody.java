package dev.indicators.producer.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.indicators.contract.validation.FieldError;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The events of one request body, read as a stream under the limits: a JSON object, a JSON array of objects, several
 * top-level objects, or NDJSON (one object a line, each line read on its own so a malformed line costs only itself).
 * At most {@code maxEvents} events are kept; one more refuses the request at once, whatever the rest of the body holds,
 * so the memory a request costs is bounded by the limits, not by the body's shape.
 */
final class EventBody {

    /** How the body is laid out, from its Content-Type. */
    enum Format {
        /** application/json or no Content-Type: an object, an array, or several top-level objects. */
        JSON,
        /** application/x-ndjson: one object a line. */
        NDJSON;

        static Format of(String contentType) {
            if (contentType == null || contentType.isBlank()) return JSON;
            String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (type.equals("application/json") || type.endsWith("+json") || type.equals("text/json")) return JSON;
            if (type.equals("application/x-ndjson") || type.equals("application/ndjson") || type.equals("application/jsonl")
                    || type.equals("application/x-jsonlines") || type.equals("application/jsonlines")) return NDJSON;
            throw IngestRefusedException.unsupportedContentType(contentType);
        }
    }

    /** One event of the body: its parsed JSON, or the error that made it unreadable. */
    record Item(int index, Long line, JsonNode node, FieldError error) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int NESTING = 64;

    private final IngestSettings limits;
    private final JsonFactory factory;
    private final List<Item> items = new ArrayList<>();

    private EventBody(IngestSettings limits) {
        this.limits = limits;
        this.factory = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(NESTING).maxStringLength((int) Math.min(Integer.MAX_VALUE, limits.maxBytes())).build()).build();
        this.factory.setCodec(MAPPER);
    }

    /**
     * Reads the events of a body.
     *
     * @throws IngestRefusedException when the body breaks a limit or its Content-Type is not JSON or NDJSON
     */
    static List<Item> read(InputStream raw, String contentType, IngestSettings limits) {
        Format format = Format.of(contentType);
        BoundedBody body = new BoundedBody(raw, limits.maxBytes(), limits.bodyTimeout());
        EventBody reader = new EventBody(limits);
        try {
            BufferedInputStream in = new BufferedInputStream(body, 8192);
            int first = firstSignificantByte(in);
            if (first < 0) {
                reader.items.add(new Item(0, null, null, new FieldError("(body)", null,
                        "empty body: expected a JSON event, a JSON array of events, or NDJSON (one event a line)")));
            } else if (format == Format.NDJSON) {
                reader.readLines(in);
            } else if (first == '[') {
                reader.readArray(in);
            } else {
                reader.readValues(in);
            }
        } catch (IOException e) {
            IngestRefusedException refusal = BoundedBody.refusal(e);
            if (refusal != null) throw refusal;
            // The connection stalled (the server's idle timeout) or broke while reading: the client sent no complete body.
            throw IngestRefusedException.bodyIncomplete(body.bytesRead(), e);
        }
        return reader.items;
    }

    /** Skips a byte-order mark and whitespace, leaving the stream at the first significant byte; -1 if there is none. */
    private static int firstSignificantByte(BufferedInputStream in) throws IOException {
        in.mark(4);
        if (!(in.read() == 0xEF && in.read() == 0xBB && in.read() == 0xBF)) in.reset();
        while (true) {
            in.mark(1);
            int b = in.read();
            if (b < 0) return -1;
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                in.reset();
                return b;
            }
        }
    }

    private void add(Item item) {
        if (items.size() >= limits.maxEvents()) throw IngestRefusedException.tooManyEvents(limits.maxEvents());
        items.add(item);
    }

    /** {@code [ {...}, {...} ]}: element by element; malformed JSON ends the body (its valid elements before stay). */
    private void readArray(InputStream in) throws IOException {
        try (JsonParser p = factory.createParser(in)) {
            p.nextToken();
            while (true) {
                JsonToken t;
                try {
                    t = p.nextToken();
                    if (t == JsonToken.END_ARRAY) break;
                    if (t == null) {
                        add(new Item(items.size(), null, null, new FieldError("(json)", null,
                                "malformed JSON: the array is not closed with ']'")));
                        return;
                    }
                    if (items.size() >= limits.maxEvents()) throw IngestRefusedException.tooManyEvents(limits.maxEvents());
                    JsonNode node = MAPPER.readTree(p);
                    add(new Item(items.size(), null, node, null));
                } catch (JsonProcessingException e) {
                    add(new Item(items.size(), null, null, malformed(e, p)));
                    return;
                }
            }
            try {
                if (p.nextToken() != null) {
                    add(new Item(items.size(), null, null, new FieldError("(json)", null,
                            "malformed JSON: content after the closing ']' of the array")));
                }
            } catch (JsonProcessingException e) {
                add(new Item(items.size(), null, null, malformed(e, p)));
            }
        }
    }

    /** One object, or several top-level objects (NDJSON sent as JSON): with several, each names the line it starts on. */
    private void readValues(InputStream in) throws IOException {
        List<Long> lines = new ArrayList<>();
        try (JsonParser p = factory.createParser(in)) {
            while (true) {
                try {
                    JsonToken t = p.nextToken();
                    if (t == null) break;
                    long line = p.currentTokenLocation().getLineNr();
                    if (items.size() >= limits.maxEvents()) throw IngestRefusedException.tooManyEvents(limits.maxEvents());
                    JsonNode node = MAPPER.readTree(p);
                    lines.add(line);
                    add(new Item(items.size(), null, node, null));
                } catch (JsonProcessingException e) {
                    lines.add(e.getLocation() == null ? null : (long) e.getLocation().getLineNr());
                    add(new Item(items.size(), null, null, malformed(e, p)));
                    break;
                }
            }
        }
        if (items.size() > 1) {
            for (int i = 0; i < items.size(); i++) {
                Item it = items.get(i);
                items.set(i, new Item(i, lines.get(i), it.node(), it.error()));
            }
        }
    }

    /** NDJSON: line by line, each line parsed on its own; blank lines are skipped. */
    private void readLines(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(512);
        long lineNo = 0;
        int b;
        do {
            b = in.read();
            if (b == '\n' || b < 0) {
                lineNo++;
                byte[] bytes = line.toByteArray();
                line.reset();
                if (!isBlank(bytes)) {
                    if (items.size() >= limits.maxEvents()) throw IngestRefusedException.tooManyEvents(limits.maxEvents());
                    add(parseLine(bytes, lineNo));
                }
            } else {
                line.write(b);
            }
        } while (b >= 0);
    }

    private Item parseLine(byte[] bytes, long lineNo) throws IOException {
        try (JsonParser p = factory.createParser(bytes)) {
            try {
                JsonNode node = MAPPER.readTree(p);
                if (p.nextToken() != null) {
                    return new Item(items.size(), lineNo, null, new FieldError("(json)", abbreviate(bytes),
                            "malformed JSON: more than one value on the line"));
                }
                return new Item(items.size(), lineNo, node, null);
            } catch (JsonProcessingException e) {
                FieldError error = malformed(e, p);
                return new Item(items.size(), lineNo, null, new FieldError(error.field(), error.field().equals("(json)") ? abbreviate(bytes) : null, error.reason()));
            }
        }
    }

    /** Malformed JSON or invalid UTF-8, named by the field being read when it was found. */
    private static FieldError malformed(JsonProcessingException e, JsonParser p) {
        String message = e.getOriginalMessage() == null ? e.toString() : e.getOriginalMessage();
        String field = p.getParsingContext() == null ? null : p.getParsingContext().getCurrentName();
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        if (message.startsWith("Invalid UTF-8")) {
            return new FieldError(field == null ? "(body)" : field, null, "is not valid UTF-8 (" + firstLine(message) + where
                    + "); send the body in UTF-8");
        }
        return new FieldError("(json)", null, "malformed JSON: " + firstLine(message) + where
                + (field == null ? "" : " (in field '" + field + "')"));
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte x : bytes) if (x != ' ' && x != '\t' && x != '\r') return false;
        return true;
    }

    private static String abbreviate(byte[] bytes) {
        String s = new String(bytes, 0, Math.min(bytes.length, 240), java.nio.charset.StandardCharsets.UTF_8).strip();
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    private static String firstLine(String s) {
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }
}
