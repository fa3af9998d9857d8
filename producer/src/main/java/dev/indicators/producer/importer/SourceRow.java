package dev.indicators.producer.importer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.indicators.contract.validation.FieldError;

/**
 * One event as read from a file: its JSON form, or the reason the row could not even be read (malformed JSON,
 * wrong number of CSV columns). {@code line} is the 1-based line where the row starts.
 */
public record SourceRow(long line, JsonNode node, FieldError error) {

    public static SourceRow of(long line, JsonNode node) {
        return new SourceRow(line, node, null);
    }

    public static SourceRow unreadable(long line, FieldError error) {
        return new SourceRow(line, null, error);
    }

    public boolean readable() {
        return error == null;
    }
}
