package dev.indicators.streams.deadletter;

/** Why a record went to the dead-letter topic; the label is the {@code dlq.reason} header and the metric tag. */
public enum DeadLetterReason {
    /** The bytes are not a readable event (not Avro, unknown schema id, no value). */
    DESERIALIZATION("deserialization"),
    /** The event breaks the contract's rules (unknown region, blank id, outcome without CONCLUDED, wrong topic...). */
    VALIDATION("validation"),
    /** The record key is not the event's caseId / certificateNo, so the case's events could be split across partitions. */
    KEY_MISMATCH("key-mismatch"),
    /**
     * The {@code published-by} header (the authenticated principal that published it) is not the event's
     * {@code department}: a department may only publish its own figures (docs/security.md).
     */
    PROVENANCE("published-by-mismatch"),
    /** The eventId was seen before with different content. */
    EVENT_ID_CONFLICT("event-id-conflict"),
    /** Counting the event failed unexpectedly; nothing of it was counted. */
    PROCESSING_ERROR("processing-error");

    private final String label;

    DeadLetterReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
