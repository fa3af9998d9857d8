package dev.indicators.producer.importer;

/** Exit codes of {@code indicators import}. */
public final class ImportExitCodes {
    /** Every row was published (or, with --dry-run, valid); duplicates skipped do not count against it. */
    public static final int OK = 0;
    /** At least one row was rejected, not published, or a file could not be read; the others were published. */
    public static final int ROWS_REJECTED = 1;
    /** Usage error: unknown option, missing/unsupported/unreadable file, bad CSV header. Nothing was published. */
    public static final int USAGE = 2;
    /** Kafka or the registry could not be reached: the import stopped early (what was acknowledged stays published). */
    public static final int UNAVAILABLE = 3;

    private ImportExitCodes() {
    }
}
