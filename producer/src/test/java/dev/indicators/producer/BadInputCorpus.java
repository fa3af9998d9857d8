package dev.indicators.producer;

import java.util.List;

/**
 * Bad inputs every publishing path must refuse, each with the field and the reason it must name.
 * Each entry is one line of JSON (so it works as a JSON Lines row, an NDJSON line, or a request body).
 */
public final class BadInputCorpus {

    public record Bad(String name, String json, String field, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String GOOD = Fixtures.reconsideration("bad-%s", "BAD-CASE-%s", "ACCEPTED");

    private static String good(String name) {
        return GOOD.formatted(name, name);
    }

    public static List<Bad> lines() {
        return List.of(
                new Bad("malformed JSON", "{\"eventId\":\"bad-malformed\",\"type\":\"reconsideration\",", "(json)", "malformed JSON"),
                new Bad("wrong type", good("wrong-type").replace("\"310118\"", "310118"), "regionCode", "must be a string, found number"),
                new Bad("unknown region", good("unknown-region").replace("310118", "999999"), "regionCode", "unknown GB/T 2260 region code"),
                new Bad("future timestamp", good("future").replace("2017-09-30T10:15:00+08:00", "2099-01-01T09:00:00+08:00"), "occurredAt", "lies in the future"),
                new Bad("ancient timestamp", good("ancient").replace("2017-09-30T10:15:00+08:00", "1999-06-01T09:00:00+08:00"), "occurredAt", "before 2000-01-01"),
                new Bad("unknown enum", good("unknown-enum").replace("\"ACCEPTED\"", "\"ARCHIVED\""), "stage", "unknown value; expected one of APPLIED, ACCEPTED"),
                new Bad("missing eventId", good("missing-id").replace("\"eventId\":\"bad-missing-id\",", ""), "eventId", "is required"),
                new Bad("oversized string", good("oversized").replace("BAD-CASE-oversized", "C".repeat(65)), "caseId", "is 65 characters long, at most 64 allowed"),
                new Bad("outcome on a non-concluded stage", good("outcome").replace("}", ",\"outcome\":\"UPHELD\"}"), "outcome", "only allowed with stage CONCLUDED, not ACCEPTED"),
                new Bad("timestamp without offset", good("no-offset").replace("2017-09-30T10:15:00+08:00", "2017-09-30 10:15"), "occurredAt", "not an ISO-8601 timestamp"),
                new Bad("unknown event type", good("unknown-type").replace("\"reconsideration\"", "\"petition\""), "type", "unknown event type"),
                new Bad("unknown field", good("unknown-field").replace("}", ",\"judge\":\"Li\"}"), "judge", "unknown field"),
                new Bad("not an object", "\"an event\"", "(json)", "expected a JSON object"));
    }

    /** The empty body (HTTP only: an import skips blank lines). */
    public static final Bad EMPTY_BODY = new Bad("empty body", "", "(body)", "empty body");

    private BadInputCorpus() {
    }
}
