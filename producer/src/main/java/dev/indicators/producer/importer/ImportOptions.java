package dev.indicators.producer.importer;

import dev.indicators.contract.EventType;

import java.nio.file.Path;
import java.util.Optional;

/**
 * @param type         event type for rows without one (CSV files without a {@code type} column)
 * @param dryRun       validate (and look for duplicates) without publishing
 * @param assignIds    give rows without an eventId one derived from the file name and line, so a re-import of the
 *                     same file yields the same ids; without it such rows are rejected
 * @param maxInFlight  events sent but not yet acknowledged, at most
 * @param maxPrintedErrors error lines printed before the rest are only counted
 * @param errorsFile   where to write every error line, or null
 */
public record ImportOptions(Optional<EventType> type, boolean dryRun, boolean assignIds, int maxInFlight,
                            int maxPrintedErrors, Path errorsFile) {

    public static ImportOptions defaults() {
        return new ImportOptions(Optional.empty(), false, false, 20_000, 100, null);
    }

    public ImportOptions withDryRun(boolean d) {
        return new ImportOptions(type, d, assignIds, maxInFlight, maxPrintedErrors, errorsFile);
    }

    public ImportOptions withType(EventType t) {
        return new ImportOptions(Optional.ofNullable(t), dryRun, assignIds, maxInFlight, maxPrintedErrors, errorsFile);
    }

    public ImportOptions withAssignIds(boolean a) {
        return new ImportOptions(type, dryRun, a, maxInFlight, maxPrintedErrors, errorsFile);
    }

    public ImportOptions withMaxPrintedErrors(int n) {
        return new ImportOptions(type, dryRun, assignIds, maxInFlight, n, errorsFile);
    }

    public ImportOptions withErrorsFile(Path p) {
        return new ImportOptions(type, dryRun, assignIds, maxInFlight, maxPrintedErrors, p);
    }

    public ImportOptions withMaxInFlight(int n) {
        return new ImportOptions(type, dryRun, assignIds, n, maxPrintedErrors, errorsFile);
    }
}
