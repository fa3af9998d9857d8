package dev.indicators.platform.provision;

/** The schema registry answered with an error: 409 for an incompatible schema, 422 for an invalid one, ... */
public final class SchemaRegistryException extends RuntimeException {

    private final int status;
    private final String body;

    public SchemaRegistryException(String request, int status, String body) {
        super(request + " answered HTTP " + status + ": " + body);
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }
}
