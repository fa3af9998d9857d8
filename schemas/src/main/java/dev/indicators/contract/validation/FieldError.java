package dev.indicators.contract.validation;

/** One reason an event is refused, naming the field and the value found there. */
public record FieldError(String field, String value, String reason) {

    public String message() {
        return value == null
                ? "field '" + field + "': " + reason
                : "field '" + field + "' = '" + abbreviate(value) + "': " + reason;
    }

    @Override
    public String toString() {
        return message();
    }

    private static String abbreviate(String v) {
        return v.length() <= 80 ? v : v.substring(0, 77) + "...";
    }
}
