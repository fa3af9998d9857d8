package dev.indicators.contract.access;

/**
 * Who published an event: the Kafka header {@value #PUBLISHED_BY} carries the authenticated principal (the SCRAM user
 * of the library and of {@code import}; the bearer token's department for HTTP ingest). The rule the streams app
 * checks: the principal must be the event's {@code department} (a department's Kafka user is named like the
 * department). See docs/security.md.
 */
public final class Provenance {

    public static final String PUBLISHED_BY = "published-by";

    private Provenance() {
    }
}
