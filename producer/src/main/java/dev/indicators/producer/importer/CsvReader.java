package dev.indicators.producer.importer;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.indicators.contract.EventType;
import dev.indicators.contract.validation.FieldError;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/**
 * CSV (RFC 4180) with a header row naming the JSON fields of the events, e.g.
 * {@code eventId,type,regionCode,department,occurredAt,caseId,stage,outcome}.
 * <ul>
 *   <li>Every value is a JSON string, except in the fields an event type's schema declares boolean
 *       ({@code agreementSigned}, {@code headAppeared}), which become booleans when they read {@code true} or
 *       {@code false} (any case); anything else stays a string and validation names it.</li>
 *   <li>An empty cell means the field is absent. Unquoted values are trimmed; quoted ones are kept as written
 *       (commas, doubled quotes {@code ""} and line breaks inside quotes are allowed).</li>
 *   <li>The event type comes from a {@code type} column, or, where that is missing or empty, from {@code --type}.
 *       A file with neither is refused as a whole.</li>
 *   <li>A row with another number of cells than the header is reported as a {@code (csv)} error.</li>
 * </ul>
 */
public final class CsvReader extends RecordLoop {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The fields some event type's schema declares boolean ({@code agreementSigned}, {@code headAppeared}, ...). */
    private static final Set<String> BOOLEAN_FIELDS = booleanFields();

    private final Reader in;
    private final List<String> header;
    private final Optional<EventType> type;
    private long lineNo = 1; // line the reader is on
    private int peeked = -2;

    CsvReader(InputStream in, CountingInputStream counting, Optional<EventType> type, String source) throws IOException {
        this(new InputStreamReader(in, StandardCharsets.UTF_8), counting, type, source);
    }

    CsvReader(Reader reader, CountingInputStream counting, Optional<EventType> type, String source) throws IOException {
        super(counting);
        this.in = new BufferedReader(reader, 1 << 16);
        this.type = type;
        RawRecord h = readRecord();
        if (h == null || h.error != null) {
            throw new ImportFileException(source + ":1: " + (h == null ? "empty file: expected a header row naming the JSON fields" : "header: " + h.error));
        }
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String cell : h.cells) {
            String name = cell.replace("\uFEFF", "").trim();
            if (name.isEmpty()) throw new ImportFileException(source + ":1: header has an empty column name");
            if (!seen.add(name)) throw new ImportFileException(source + ":1: header names column '" + name + "' twice");
            names.add(name);
        }
        if (!seen.contains("type") && type.isEmpty()) {
            throw new ImportFileException(source + ":1: no 'type' column; pass --type " + EventType.jsonNames().replace(", ", "|"));
        }
        this.header = List.copyOf(names);
    }

    private static Set<String> booleanFields() {
        Set<String> fields = new HashSet<>();
        for (EventType t : EventType.values()) {
            for (org.apache.avro.Schema.Field f : t.descriptor().schema().getFields()) {
                org.apache.avro.Schema s = f.schema();
                boolean bool = s.getType() == org.apache.avro.Schema.Type.BOOLEAN || (s.getType() == org.apache.avro.Schema.Type.UNION
                        && s.getTypes().stream().anyMatch(u -> u.getType() == org.apache.avro.Schema.Type.BOOLEAN));
                if (bool) fields.add(f.name());
            }
        }
        return Set.copyOf(fields);
    }

    /** Reads CSV from any reader (bytesRead() then counts nothing), for tests and in-memory use. */
    public static CsvReader of(Reader reader, Optional<EventType> type) throws IOException {
        return new CsvReader(reader, new CountingInputStream(InputStream.nullInputStream()), type, "(csv)");
    }

    public List<String> header() {
        return header;
    }

    @Override
    protected SourceRow readRow() throws IOException {
        RawRecord r;
        do {
            r = readRecord();
            if (r == null) return null;
        } while (r.blank());
        return toRow(r);
    }

    private SourceRow toRow(RawRecord r) {
        if (r.error != null) return SourceRow.unreadable(r.line, new FieldError("(csv)", null, r.error));
        if (r.cells.size() != header.size()) {
            return SourceRow.unreadable(r.line, new FieldError("(csv)", null,
                    "expected " + header.size() + " cells as in the header, found " + r.cells.size()));
        }
        ObjectNode node = NODES.objectNode();
        for (int i = 0; i < header.size(); i++) {
            String v = r.cells.get(i);
            if (v.isEmpty()) continue;
            String field = header.get(i);
            if (BOOLEAN_FIELDS.contains(field)) {
                String b = v.trim().toLowerCase(Locale.ROOT);
                if (b.equals("true") || b.equals("false")) {
                    node.put(field, Boolean.parseBoolean(b));
                    continue;
                }
            }
            node.put(field, v);
        }
        if (type.isPresent() && !node.hasNonNull("type")) node.put("type", type.get().jsonName());
        return SourceRow.of(r.line, node);
    }

    private record RawRecord(long line, List<String> cells, String error) {
        boolean blank() {
            return error == null && cells.size() == 1 && cells.get(0).isEmpty();
        }
    }

    private final char[] buf = new char[1 << 16];
    private int pos;
    private int limit;

    private int raw() throws IOException {
        if (pos == limit) {
            limit = in.read(buf, 0, buf.length);
            pos = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        return buf[pos++];
    }

    private int read() throws IOException {
        if (peeked != -2) {
            int c = peeked;
            peeked = -2;
            return c;
        }
        return raw();
    }

    private int peek() throws IOException {
        if (peeked == -2) peeked = raw();
        return peeked;
    }

    /** One record (which may span lines when a quoted cell holds line breaks), or null at the end of input. */
    private RawRecord readRecord() throws IOException {
        int c = read();
        if (c == -1) return null;
        long start = lineNo;
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;   // the current cell was quoted
        boolean inQuotes = false;
        while (true) {
            if (inQuotes) {
                if (c == -1) return new RawRecord(start, cells, "unterminated quoted cell (a \" is missing)");
                if (c == '"') {
                    if (peek() == '"') {
                        read();
                        cell.append('"');
                    } else {
                        inQuotes = false;
                    }
                } else {
                    if (c == '\n') lineNo++;
                    cell.append((char) c);
                }
            } else if (c == ',' ) {
                cells.add(quoted ? cell.toString() : cell.toString().trim());
                cell.setLength(0);
                quoted = false;
            } else if (c == '\n' || c == '\r' || c == -1) {
                if (c == '\r' && peek() == '\n') read();
                if (c != -1) lineNo++;
                cells.add(quoted ? cell.toString() : cell.toString().trim());
                return new RawRecord(start, cells, null);
            } else if (c == '"' && !quoted && cell.toString().isBlank()) {
                cell.setLength(0);
                quoted = true;
                inQuotes = true;
            } else {
                if (quoted) {
                    // text after a closing quote: keep it, as spreadsheets do, rather than losing the row
                    if (c == ' ' || c == '\t') {
                        c = read();
                        continue;
                    }
                }
                if (c == '\uFEFF' && start == 1 && cells.isEmpty() && cell.length() == 0) {
                    c = read();
                    continue;
                }
                cell.append((char) c);
            }
            c = read();
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
