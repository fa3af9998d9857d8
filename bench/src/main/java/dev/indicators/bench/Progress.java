package dev.indicators.bench;

import java.io.PrintWriter;
import java.util.Locale;

/** Progress lines of a bench run ({@code bench: publish: 400,000 / 2,000,000 events, 98,765 events/s}). */
final class Progress {

    private final PrintWriter out;
    private final long intervalNanos;
    private final String prefix;

    Progress(PrintWriter out, long intervalMillis) {
        this(out, intervalMillis, "");
    }

    private Progress(PrintWriter out, long intervalMillis, String prefix) {
        this.out = out;
        this.intervalNanos = intervalMillis * 1_000_000L;
        this.prefix = prefix;
    }

    /** The same output, each line's text after "bench: " starting with {@code prefix}. */
    Progress prefixed(String prefix) {
        return new Progress(out, intervalNanos / 1_000_000L, this.prefix + prefix);
    }

    static Progress silent() {
        return new Progress(new PrintWriter(PrintWriter.nullWriter()), Long.MAX_VALUE / 2_000_000L);
    }

    void line(String format, Object... args) {
        out.println("bench: " + prefix + String.format(Locale.ROOT, format, args));
        out.flush();
    }

    /** A counter of one phase that prints at most once per interval. */
    Ticker ticker(String phase, long total) {
        return new Ticker(phase, total);
    }

    final class Ticker {
        private final String phase;
        private final long total;
        private final long started = System.nanoTime();
        private long lastPrinted = started;

        private Ticker(String phase, long total) {
            this.phase = phase;
            this.total = total;
        }

        /** Prints when the interval has passed since the last line; cheap otherwise. */
        void update(long done) {
            long now = System.nanoTime();
            if (now - lastPrinted < intervalNanos) return;
            lastPrinted = now;
            print(done, now, "");
        }

        void update(long done, java.util.function.Supplier<String> detail) {
            long now = System.nanoTime();
            if (now - lastPrinted < intervalNanos) return;
            lastPrinted = now;
            print(done, now, detail.get());
        }

        private void print(long done, long now, String detail) {
            double secs = (now - started) / 1e9;
            line("%s: %,d / %,d events (%.0f%%), %,.0f events/s, %.1f s%s", phase, done, total,
                    total == 0 ? 100.0 : 100.0 * done / total, done / Math.max(secs, 1e-9), secs, detail.isEmpty() ? "" : ", " + detail);
        }
    }
}
