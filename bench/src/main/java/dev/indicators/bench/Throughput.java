package dev.indicators.bench;

/** How many events a phase handled, in how long; {@code bytes} when known (keys and values as stored). */
public record Throughput(long events, double seconds, double eventsPerSecond, Long bytes) {

    static Throughput of(long events, double seconds, Long bytes) {
        return new Throughput(events, round(seconds, 3), Math.round(events / Math.max(seconds, 1e-9) * 10) / 10.0, bytes);
    }

    static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
