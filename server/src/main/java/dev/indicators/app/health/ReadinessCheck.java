package dev.indicators.app.health;

/** One part the pipeline needs before it can serve: streams app, broker, registry. */
public interface ReadinessCheck {

    String name();

    /** Whether the part answers now, with a short human-readable detail either way. */
    Status check();

    record Status(boolean ready, String detail) {
        public static Status ready(String detail) {
            return new Status(true, detail);
        }

        public static Status notReady(String detail) {
            return new Status(false, detail);
        }
    }
}
