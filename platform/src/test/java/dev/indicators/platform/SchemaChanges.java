package dev.indicators.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Variants of a schema for the compatibility tests. */
final class SchemaChanges {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaChanges() {
    }

    /** A new field with no default: a reader of this schema cannot read older records, so not BACKWARD compatible. */
    static String withRequiredField(String avsc, String field) {
        return withField(avsc, JSON.createObjectNode().put("name", field).put("type", "string"));
    }

    /** A new optional field: BACKWARD compatible. */
    static String withOptionalField(String avsc, String field) {
        ObjectNode node = JSON.createObjectNode().put("name", field);
        node.putArray("type").add("null").add("string");
        node.putNull("default");
        return withField(avsc, node);
    }

    private static String withField(String avsc, ObjectNode field) {
        try {
            ObjectNode schema = (ObjectNode) JSON.readTree(avsc);
            ((ArrayNode) schema.get("fields")).add(field);
            return JSON.writeValueAsString(schema);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
