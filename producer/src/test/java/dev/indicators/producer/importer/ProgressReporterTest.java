package dev.indicators.producer.importer;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Progress: a bar with events/s and ETA on a terminal, plain periodic lines otherwise. */
class ProgressReporterTest {

    private final AtomicLong nanos = new AtomicLong();
    private final StringWriter text = new StringWriter();

    private ProgressReporter reporter(ProgressReporter.Mode mode, long total) {
        return new ProgressReporter(mode, new PrintWriter(text), "import", total, true, Duration.ofSeconds(5), nanos::get);
    }

    @Test
    void the_bar_shows_percentage_events_rate_and_eta() {
        ProgressReporter p = reporter(ProgressReporter.Mode.BAR, 1000);
        assertThat(p.barLine(250, 50_000, Duration.ofSeconds(2).toNanos()))
                .isEqualTo("[########----------------------]  25.0%  50,000 events  25,000 ev/s  ETA 0:06");
    }

    @Test
    void plain_lines_name_bytes_and_a_readable_eta() {
        ProgressReporter p = reporter(ProgressReporter.Mode.LINES, 300L * 1024 * 1024);
        assertThat(p.plainLine(100L * 1024 * 1024, 400_000, Duration.ofSeconds(10).toNanos()))
                .isEqualTo("import: 33.3% (400,000 events, 100.0 MB of 300.0 MB) 40,000 events/s, ETA 20s");
    }

    @Test
    void lines_are_printed_every_few_seconds_not_for_every_event() {
        ProgressReporter p = reporter(ProgressReporter.Mode.LINES, 100);
        for (int i = 1; i <= 100; i++) {
            nanos.addAndGet(Duration.ofMillis(120).toNanos());
            p.update(i, i);
        }
        p.finish(100, 100);
        assertThat(text.toString().lines()).hasSize(3); // at 5 s and 10 s, then the final line
        assertThat(text.toString().lines().reduce((a, b) -> b).orElseThrow()).startsWith("import: 100.0% (100 events");
    }

    @Test
    void the_bar_redraws_in_place_and_ends_the_line_when_finished() {
        ProgressReporter p = reporter(ProgressReporter.Mode.BAR, 100);
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        p.update(50, 50);
        p.finish(100, 100);
        assertThat(text.toString()).startsWith("\r[").contains("\r[###").endsWith(System.lineSeparator());
    }

    @Test
    void sizes_and_durations_read_naturally() {
        assertThat(ProgressReporter.bytes(512)).isEqualTo("512 B");
        assertThat(ProgressReporter.bytes(1536)).isEqualTo("1.5 KB");
        assertThat(ProgressReporter.bytes(1L << 30)).isEqualTo("1.0 GB");
        assertThat(ProgressReporter.clock(Duration.ofSeconds(3723))).isEqualTo("1:02:03");
        assertThat(ProgressReporter.human(Duration.ofSeconds(123))).isEqualTo("2m 03s");
        assertThat(ProgressReporter.count(1234567)).isEqualTo("1,234,567");
    }

    @Test
    void nothing_is_shown_in_none_mode() {
        ProgressReporter p = reporter(ProgressReporter.Mode.NONE, 100);
        nanos.addAndGet(Duration.ofMinutes(1).toNanos());
        p.update(1, 1);
        p.finish(100, 100);
        assertThat(text.toString()).isEmpty();
    }
}
