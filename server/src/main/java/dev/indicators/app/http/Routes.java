package dev.indicators.app.http;

import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;

import java.util.Map;

/** A group of endpoints mounted on the {@link ApiServer}: adds its handlers and says what they serve. */
public interface Routes {

    /** Adds the group's handlers; none by default (a group may serve only through {@link #configure}). */
    default void addTo(RoutesConfig routes, HttpSettings settings) {
    }

    /** Server-wide settings a group needs beyond its handlers (static files, for one); none by default. */
    default void configure(JavalinConfig config) {
    }

    /** Path (with method) to a one-line description, for the start-up message and docs. */
    Map<String, String> describe();
}
