package dev.indicators.contract;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The three kinds of case events departments publish; the JSON field {@code type} names one. */
public enum EventType {
    RECONSIDERATION("reconsideration", "caseId"),
    MEDIATION("mediation", "caseId"),
    CERTIFICATE("certificate", "certificateNo");

    private final String jsonName;
    private final String caseKeyField;

    EventType(String jsonName, String caseKeyField) {
        this.jsonName = jsonName;
        this.caseKeyField = caseKeyField;
    }

    public String jsonName() {
        return jsonName;
    }

    /** The field whose value keys the Kafka record, so every event of one case lands on one partition. */
    public String caseKeyField() {
        return caseKeyField;
    }

    public static Optional<EventType> fromJsonName(String name) {
        if (name == null) return Optional.empty();
        String n = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.jsonName.equals(n)).findFirst();
    }
}
