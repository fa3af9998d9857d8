package dev.indicators.contract.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.indicators.contract.EventDescriptor;
import dev.indicators.contract.EventType;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The JSON form of events (import files, HTTP ingest), read into the Avro form with every error named:
 * required fields and their types, enum values (case-insensitive; the canonical upper-case form is stored),
 * ISO-8601 timestamps with an offset, then the {@link EventRules}.
 */
public final class EventJson {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    // Two events run together on one line must be refused, not read as the first of them.
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Set<String> COMMON = Set.of("eventId", "type", "regionCode", "department", "occurredAt");

    private final EventRules rules;

    public EventJson(EventRules rules) {
        this.rules = rules;
    }

    public EventRules rules() {
        return rules;
    }

    /** Reads one event given as JSON text; malformed JSON is an error on the field {@code (json)}. */
    public ParsedEvent parse(String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (Exception e) {
            return ParsedEvent.rejected(Optional.empty(), null,
                    List.of(new FieldError("(json)", null, "malformed JSON: " + firstLine(e.getMessage()))));
        }
        if (node == null || node.isMissingNode()) {
            return ParsedEvent.rejected(Optional.empty(), null, List.of(new FieldError("(json)", null, "empty input: expected a JSON object")));
        }
        return parse(node);
    }

    public ParsedEvent parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            return ParsedEvent.rejected(Optional.empty(), null, List.of(new FieldError("(json)", node == null ? null : node.toString(), "expected a JSON object")));
        }
        Reader r = new Reader(node);
        String eventId = r.text("eventId", true);
        String typeName = r.text("type", true);
        Optional<EventType> type = Optional.empty();
        if (typeName != null) {
            type = EventType.fromJsonName(typeName);
            if (type.isEmpty()) {
                r.errors.add(new FieldError("type", typeName, "unknown event type; expected one of " + EventType.jsonNames()));
            }
        }
        String regionCode = r.text("regionCode", true);
        String department = r.text("department", true);
        Instant occurredAt = r.instant("occurredAt");
        if (type.isEmpty()) {
            return rejected(type, r.errors, eventId, regionCode, department, occurredAt);
        }
        SpecificRecord event = readTyped(type.get().descriptor(), r, eventId, regionCode, department, occurredAt);
        if (event == null) {
            return rejected(type, r.errors, eventId, regionCode, department, occurredAt);
        }
        List<FieldError> ruleErrors = rules.check(event);
        return ruleErrors.isEmpty() ? ParsedEvent.accepted(type.get(), eventId, event) : ParsedEvent.rejected(type, eventId, ruleErrors);
    }

    /** Structural errors plus the rule violations of the common fields that could be read, so one round of fixes is enough. */
    private ParsedEvent rejected(Optional<EventType> type, List<FieldError> structural, String eventId, String regionCode,
                                 String department, Instant occurredAt) {
        List<FieldError> all = new ArrayList<>(structural);
        Set<String> named = all.stream().map(FieldError::field).collect(Collectors.toSet());
        rules.checkCommon(eventId, regionCode, department, occurredAt).stream()
                .filter(e -> !named.contains(e.field())).forEach(all::add);
        return ParsedEvent.rejected(type, eventId, all);
    }

    /**
     * The type-specific fields, read as the type's Avro schema declares them: a string, an enum (case-insensitive) or a
     * boolean, required unless the schema allows null; any other field is unknown. Null when a field was bad.
     */
    private static SpecificRecord readTyped(EventDescriptor<?> descriptor, Reader r, String eventId, String regionCode,
                                            String department, Instant occurredAt) {
        Schema schema = descriptor.schema();
        Set<String> specific = new LinkedHashSet<>();
        List<Object> values = new ArrayList<>();
        for (Schema.Field f : schema.getFields()) {
            if (COMMON.contains(f.name())) continue;
            specific.add(f.name());
            Schema base = nonNull(f.schema());
            boolean required = base == f.schema();
            values.add(switch (base.getType()) {
                case STRING -> r.text(f.name(), required);
                case BOOLEAN -> r.bool(f.name(), required);
                case ENUM -> r.enumValue(f.name(), enumClass(base), required);
                default -> throw new IllegalStateException(schema.getName() + "." + f.name() + ": the JSON form knows strings, enums and booleans, not " + base.getType());
            });
        }
        r.unknownFields(specific);
        if (!r.errors.isEmpty()) return null;
        SpecificRecord event = (SpecificRecord) SpecificData.newInstance(descriptor.recordClass(), schema);
        event.put(schema.getField("eventId").pos(), eventId);
        event.put(schema.getField("regionCode").pos(), regionCode);
        event.put(schema.getField("department").pos(), department);
        event.put(schema.getField("occurredAt").pos(), occurredAt);
        int i = 0;
        for (String name : specific) event.put(schema.getField(name).pos(), values.get(i++));
        return event;
    }

    /** The JSON form of a typed event; occurredAt is written in Asia/Shanghai time with its offset. */
    public static ObjectNode toJson(SpecificRecord event) {
        EventType type = EventType.require(event);
        ObjectNode n = MAPPER.createObjectNode();
        Schema schema = type.descriptor().schema();
        common(n, type, (String) event.get(schema.getField("eventId").pos()), (String) event.get(schema.getField("regionCode").pos()),
                (String) event.get(schema.getField("department").pos()), (Instant) event.get(schema.getField("occurredAt").pos()));
        for (Schema.Field f : schema.getFields()) {
            if (COMMON.contains(f.name())) continue;
            Object v = event.get(f.pos());
            if (v == null) continue;
            if (v instanceof Boolean b) n.put(f.name(), b);
            else if (v instanceof Enum<?> e) n.put(f.name(), e.name());
            else n.put(f.name(), v.toString());
        }
        return n;
    }

    /** The event type of a typed event. */
    public static EventType typeOf(SpecificRecord event) {
        return EventType.require(event);
    }

    /** The value that keys the event's Kafka record: its caseId or certificateNo. */
    public static String caseKey(SpecificRecord event) {
        return EventType.caseKeyOf(event);
    }

    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) return schema;
        return schema.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElseThrow();
    }

    private static Class<?> enumClass(Schema enumSchema) {
        return SpecificData.get().getClass(enumSchema);
    }

    private static void common(ObjectNode n, EventType type, String eventId, String region, String department, Instant at) {
        n.put("eventId", eventId);
        n.put("type", type.jsonName());
        n.put("regionCode", region);
        n.put("department", department);
        n.put("occurredAt", OffsetDateTime.ofInstant(at, CHINA).toString());
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }

    /** Reads fields of one JSON object, collecting an error for each bad one instead of stopping at the first. */
    private static final class Reader {
        final JsonNode node;
        final List<FieldError> errors = new ArrayList<>();

        Reader(JsonNode node) {
            this.node = node;
        }

        String text(String field, boolean required) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                if (required) errors.add(new FieldError(field, null, "is required"));
                return null;
            }
            if (!v.isTextual()) {
                errors.add(new FieldError(field, v.toString(), "must be a string, found " + kind(v)));
                return null;
            }
            int control = firstControlCharacter(v.asText());
            if (control >= 0) {
                errors.add(new FieldError(field, v.asText(), String.format("contains the control character U+%04X at position %d; text fields must not hold control characters",
                        (int) v.asText().charAt(control), control + 1)));
                return null;
            }
            if (required && v.asText().isBlank()) {
                errors.add(new FieldError(field, v.asText(), "must not be blank"));
                return null;
            }
            return v.asText();
        }

        Instant instant(String field) {
            String t = text(field, true);
            if (t == null) return null;
            try {
                return OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException e) {
                errors.add(new FieldError(field, t, "not an ISO-8601 timestamp with an offset, e.g. 2017-09-30T10:15:00+08:00"));
                return null;
            }
        }

        Boolean bool(String field, boolean required) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                if (required) errors.add(new FieldError(field, null, "is required"));
                return null;
            }
            if (!v.isBoolean()) {
                errors.add(new FieldError(field, v.toString(), "must be true or false, found " + kind(v)));
                return null;
            }
            return v.booleanValue();
        }

        Enum<?> enumValue(String field, Class<?> type, boolean required) {
            String t = text(field, required);
            if (t == null) return null;
            String canonical = t.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
            Enum<?>[] constants = (Enum<?>[]) type.getEnumConstants();
            for (Enum<?> c : constants) if (c.name().equals(canonical)) return c;
            String allowed = Arrays.stream(constants).map(Enum::name).collect(Collectors.joining(", "));
            errors.add(new FieldError(field, t, "unknown value; expected one of " + allowed));
            return null;
        }

        void unknownFields(Set<String> specific) {
            node.fieldNames().forEachRemaining(f -> {
                if (!COMMON.contains(f) && !specific.contains(f)) {
                    errors.add(new FieldError(f, node.get(f).toString(), "unknown field for this event type"));
                }
            });
        }

        /** NUL, the other C0 controls (tab and line breaks included: no field is multi-line text) and DEL. */
        private static int firstControlCharacter(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < 0x20 || c == 0x7F) return i;
            }
            return -1;
        }

        private static String kind(JsonNode v) {
            return v.getNodeType().name().toLowerCase(Locale.ROOT);
        }
    }
}
