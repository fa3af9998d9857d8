package dev.indicators.producer.importer;

import java.time.Duration;
import java.util.Locale;

import static dev.indicators.producer.importer.ProgressReporter.count;

/**
 * What an import did.
 *
 * @param read               rows read (good and bad)
 * @param published          events Kafka acknowledged (with --dry-run: events that would have been published)
 * @param rejected           rows refused: unreadable, invalid, or an eventId re-used with different content
 * @param duplicatesSkipped  rows repeating an earlier row's eventId and content in this run: not sent again
 * @param sendFailures       valid events Kafka or the registry did not take (reported like rejected rows)
 * @param filesFailed        files that could not be read at all
 * @param stoppedBecause     why the import stopped early (Kafka or the registry unreachable), or null
 */
public record ImportSummary(long read, long published, long rejected, long duplicatesSkipped, long sendFailures,
                            long filesFailed, boolean dryRun, Duration elapsed, long bytes, String stoppedBecause) {

    /** Exit code of the import command: 0 only when nothing was rejected, failed or skipped as unreadable; 3 when the import stopped because Kafka or the registry was unreachable. */
    public int exitCode() {
        if (stoppedBecause != null) return ImportExitCodes.UNAVAILABLE;
        return rejected == 0 && sendFailures == 0 && filesFailed == 0 ? ImportExitCodes.OK : ImportExitCodes.ROWS_REJECTED;
    }

    public double eventsPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? 0 : read / s;
    }

    /** The summary printed at the end of an import. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s %s rows in %.1f s (%s events/s, %s)%n",
                dryRun ? "Dry run (nothing published): checked" : "Imported", count(read), elapsed.toNanos() / 1e9,
                count(Math.round(eventsPerSecond())), ProgressReporter.bytes(bytes)));
        sb.append(line(dryRun ? "valid (would publish)" : "published", published));
        sb.append(line("rejected", rejected));
        sb.append(line("duplicates skipped", duplicatesSkipped));
        if (!dryRun || sendFailures > 0) sb.append(line("send failures", sendFailures));
        if (filesFailed > 0) sb.append(line("files not read", filesFailed));
        if (stoppedBecause != null) sb.append("  stopped early: ").append(stoppedBecause).append(String.format("%n"));
        return sb.toString();
    }

    private static String line(String label, long n) {
        return String.format(Locale.ROOT, "  %-22s %12s%n", label + ":", count(n));
    }
}
