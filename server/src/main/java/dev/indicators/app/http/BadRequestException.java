package dev.indicators.app.http;

/** A request missing what it needs (e.g. a query parameter): 400 with the message. */
public final class BadRequestException extends RuntimeException {
    public BadRequestException(String message) {
        super(message);
    }

    /** The value of a required query parameter. */
    public static String required(io.javalin.http.Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) throw new BadRequestException("query parameter '" + name + "' is required");
        return v;
    }
}
