package dev.indicators.producer.importer;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Shows how far an import (or any long run over a known number of bytes or events) has got.
 * <ul>
 *   <li>{@link Mode#BAR}: an in-place bar redrawn a few times a second, for a terminal:
 *       {@code [############--------]  61.2%  612,000 events  84,210 ev/s  ETA 0:05}</li>
 *   <li>{@link Mode#LINES}: a plain line every few seconds, for logs and pipes:
 *       {@code progress: 61.2% (612,000 events, 131.1 MB of 214.2 MB) 84,210 events/s, ETA 5s}</li>
 *   <li>{@link Mode#NONE}: nothing.</li>
 * </ul>
 * Not thread-safe: call it from one thread.
 */
public final class ProgressReporter {

    public enum Mode {
        BAR, LINES, NONE;

        /** A bar when standard output is a terminal ({@code System.console() != null}), plain lines otherwise. */
        public static Mode auto() {
            return System.console() != null ? BAR : LINES;
        }
    }

    private static final int BAR_WIDTH = 30;

    private final Mode mode;
    private final PrintWriter out;
    private final String label;
    private final long total;
    private final boolean totalIsBytes;
    private final LongSupplier nanoClock;
    private final long intervalNanos;
    private final long start;
    private long lastRender;
    private int lastWidth;

    /**
     * @param total        the size of the work: bytes of all files, or a number of events; 0 when unknown
     * @param totalIsBytes whether {@code total} counts bytes (import) or events (simulator)
     * @param lineInterval how often {@link Mode#LINES} prints (the bar redraws every 200 ms)
     */
    public ProgressReporter(Mode mode, PrintWriter out, String label, long total, boolean totalIsBytes,
                            Duration lineInterval, LongSupplier nanoClock) {
        this.mode = mode;
        this.out = out;
        this.label = label;
        this.total = total;
        this.totalIsBytes = totalIsBytes;
        this.nanoClock = nanoClock;
        this.intervalNanos = mode == Mode.BAR ? Duration.ofMillis(200).toNanos() : lineInterval.toNanos();
        this.start = nanoClock.getAsLong();
        this.lastRender = start;
    }

    public static ProgressReporter forBytes(Mode mode, PrintWriter out, String label, long totalBytes) {
        return new ProgressReporter(mode, out, label, totalBytes, true, Duration.ofSeconds(5), System::nanoTime);
    }

    public static ProgressReporter forEvents(Mode mode, PrintWriter out, String label, long totalEvents) {
        return new ProgressReporter(mode, out, label, totalEvents, false, Duration.ofSeconds(5), System::nanoTime);
    }

    /** Renders when the last rendering is old enough; cheap enough to call for every event. */
    public void update(long done, long events) {
        if (mode == Mode.NONE) return;
        long now = nanoClock.getAsLong();
        if (now - lastRender < intervalNanos) return;
        lastRender = now;
        render(done, events, now - start);
    }

    /** The final rendering (the bar is completed and the line ended). */
    public void finish(long done, long events) {
        if (mode == Mode.NONE) return;
        render(done, events, nanoClock.getAsLong() - start);
        if (mode == Mode.BAR) out.println();
        out.flush();
    }

    private void render(long done, long events, long elapsedNanos) {
        if (mode == Mode.BAR) {
            String line = barLine(done, events, elapsedNanos);
            int pad = Math.max(0, lastWidth - line.length());
            out.print("\r" + line + " ".repeat(pad));
            lastWidth = line.length();
        } else {
            out.println(plainLine(done, events, elapsedNanos));
        }
        out.flush();
    }

    String barLine(long done, long events, long elapsedNanos) {
        double f = fraction(done);
        StringBuilder sb = new StringBuilder();
        if (total > 0) sb.append(bar(f, BAR_WIDTH)).append(' ').append(String.format(Locale.ROOT, "%5.1f%%", f * 100)).append("  ");
        sb.append(count(events)).append(" events  ").append(count(rate(events, elapsedNanos))).append(" ev/s");
        eta(done, elapsedNanos).ifPresent(d -> sb.append("  ETA ").append(clock(d)));
        return sb.toString();
    }

    String plainLine(long done, long events, long elapsedNanos) {
        StringBuilder sb = new StringBuilder(label).append(": ");
        if (total > 0) {
            sb.append(String.format(Locale.ROOT, "%.1f%% (", fraction(done) * 100)).append(count(events)).append(" events");
            if (totalIsBytes) sb.append(", ").append(bytes(done)).append(" of ").append(bytes(total));
            else if (total > 0) sb.append(" of ").append(count(total));
            sb.append(") ");
        } else {
            sb.append(count(events)).append(" events, ");
        }
        sb.append(count(rate(events, elapsedNanos))).append(" events/s");
        eta(done, elapsedNanos).ifPresent(d -> sb.append(", ETA ").append(human(d)));
        return sb.toString();
    }

    private double fraction(long done) {
        return total <= 0 ? 0 : Math.min(1.0, (double) done / total);
    }

    private java.util.Optional<Duration> eta(long done, long elapsedNanos) {
        if (total <= 0 || done <= 0 || elapsedNanos <= 0) return java.util.Optional.empty();
        double perNano = (double) done / elapsedNanos;
        long remaining = Math.max(0, total - done);
        return java.util.Optional.of(Duration.ofNanos((long) (remaining / perNano)));
    }

    static long rate(long events, long elapsedNanos) {
        return elapsedNanos <= 0 ? 0 : Math.round(events * 1e9 / elapsedNanos);
    }

    /** {@code [#######-------]} with {@code width} cells. */
    public static String bar(double fraction, int width) {
        int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * width);
        return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "]";
    }

    /** 1,234,567 */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** 512 B, 1.5 KB, 214.2 MB, 1.0 GB (powers of 1024). */
    public static String bytes(long b) {
        if (b < 1024) return b + " B";
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = b;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** 0:05, 12:03, 1:02:03 */
    public static String clock(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** 5s, 2m 03s, 1h 02m */
    public static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 60) return s + "s";
        if (s < 3600) return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        return String.format(Locale.ROOT, "%dh %02dm", s / 3600, s / 60 % 60);
    }
}
