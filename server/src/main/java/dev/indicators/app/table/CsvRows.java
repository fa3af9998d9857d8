package dev.indicators.app.table;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.Reader;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The rows of a CSV file with a header (the targets file, published figures), each as a map from column name to its
 * trimmed text, with where it stands ({@code source line N}) for error messages. Blank rows are skipped; a header
 * without a required column, or text that is not CSV, is refused naming the source.
 */
public final class CsvRows {

    private CsvRows() {
    }

    /**
     * Calls {@code row} with each row and its place; an IllegalArgumentException it throws stops the reading as it is.
     *
     * @throws IllegalArgumentException naming the source when the header lacks a required column or the text is not CSV
     */
    public static void read(Reader reader, String source, List<String> required, String expectedHeader,
                            BiConsumer<Map<String, String>, String> row) {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.TRIM_SPACES);
        try (MappingIterator<Map<String, String>> rows = mapper.readerForMapOf(String.class).with(CsvSchema.emptySchema().withHeader()).readValues(reader)) {
            long line = 1; // the header
            boolean checked = false;
            while (rows.hasNext()) {
                Map<String, String> values = rows.next();
                line++;
                if (!checked) {
                    List<String> missing = required.stream().filter(c -> !values.containsKey(c)).toList();
                    if (!missing.isEmpty()) throw new IllegalArgumentException(source + ": the header lacks " + missing + "; expected " + expectedHeader);
                    checked = true;
                }
                if (values.values().stream().allMatch(v -> v == null || v.isBlank())) continue;
                row.accept(values, source + " line " + line);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae) throw iae;
            throw new IllegalArgumentException(source + ": not a readable CSV: " + e.getMessage(), e);
        }
    }

    /** The trimmed value of a required field; refused naming the place, the field and the value when blank. */
    public static String required(Map<String, String> row, String name, String where) {
        String v = row.get(name);
        if (v == null || v.isBlank()) throw bad(where, name, String.valueOf(v), "is required");
        return v.trim();
    }

    /** The trimmed value of an optional field, or "". */
    public static String optional(Map<String, String> row, String name) {
        String v = row.get(name);
        return v == null ? "" : v.trim();
    }

    public static IllegalArgumentException bad(String where, String field, String value, String why) {
        return new IllegalArgumentException(where + ": " + field + " '" + value + "' " + why);
    }
}
