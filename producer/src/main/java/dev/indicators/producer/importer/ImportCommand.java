package dev.indicators.producer.importer;

import dev.indicators.producer.cli.ConfigOptions;
import dev.indicators.producer.cli.SettingDefaults;
import dev.indicators.contract.EventType;
import dev.indicators.contract.Settings;
import dev.indicators.contract.validation.EventJson;
import dev.indicators.contract.validation.EventRules;
import dev.indicators.producer.publish.ConnectionOptions;
import dev.indicators.producer.publish.EventPublisher;
import dev.indicators.producer.publish.IndicatorPublisher;
import dev.indicators.producer.publish.PublisherSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;

/** {@code indicators import FILE...}: publishes the events of JSON Lines and CSV files. */
@Command(name = "import", mixinStandardHelpOptions = true, defaultValueProvider = SettingDefaults.class,
        description = {
                "Publishes the events of JSON Lines (.jsonl, .ndjson, .json-lines; or a .json array) and CSV files.",
                "CSV: a header row naming the JSON fields (eventId,type,regionCode,department,occurredAt,caseId,stage,...); "
                        + "one event type a file, from a 'type' column or --type; empty cell = field absent.",
                "Good rows are published even when others are bad; each bad row is reported as FILE:LINE: field 'x' = 'v': reason. "
                        + "A row repeating an earlier eventId with the same content is skipped (counted as a duplicate); "
                        + "with different content it is rejected. Re-importing a file is safe: re-sent events are counted once."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every row was published (with --dry-run: is valid)",
                "1:some rows were rejected or not published (the good ones were published)",
                "2:usage error: bad option, missing or unsupported file, CSV header without 'type' and no --type",
                "3:Kafka or the schema registry could not be reached; the import stopped early"})
public class ImportCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "files to import, in order")
    List<Path> files;

    @Option(names = "--type", paramLabel = "TYPE", converter = EventTypeConverter.class, completionCandidates = EventTypeNames.class,
            description = "event type (${COMPLETION-CANDIDATES}) of rows without a 'type' field, e.g. for CSV files without a type column")
    EventType type;

    @Option(names = "--dry-run", description = "validate every row and report errors, publish nothing")
    boolean dryRun;

    @Option(names = "--assign-ids", description = "give rows without an eventId one made of the file name and line (e.g. cases.csv-L42), "
            + "so re-importing the same file is idempotent; without it such rows are rejected")
    boolean assignIds;

    @Option(names = "--errors-file", paramLabel = "FILE", description = "write every error line to FILE (the terminal shows the first --max-errors)")
    Path errorsFile;

    @Option(names = "--receipts", paramLabel = "FILE",
            description = "Write where each published event was stored (eventId,topic,partition,offset) to FILE, so that "
                    + "GET /api/v1/events/{eventId}?topic=...&partition=...&offset=... can tell later whether it was counted "
                    + "or rejected, and why.")
    Path receiptsFile;

    @Option(names = "--max-errors", paramLabel = "N", defaultValue = "100", description = "error lines to print (default: ${DEFAULT-VALUE})")
    int maxErrors;

    @Option(names = "--max-in-flight", paramLabel = "N", defaultValue = "20000", description = "events sent but not yet acknowledged, at most (default: ${DEFAULT-VALUE})")
    int maxInFlight;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "auto (a bar on a terminal, lines otherwise), bar, lines or none (default: ${DEFAULT-VALUE})")
    String progress;

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Mixin
    ConfigOptions config = new ConfigOptions();

    @Spec
    CommandLine.Model.CommandSpec spec;

    private Settings settings; // null: loaded by ConfigOptions when the command runs
    private BiFunction<PublisherSettings, EventRules, EventPublisher> publisherFactory =
            (s, rules) -> IndicatorPublisher.create(s, rules, new SimpleMeterRegistry());
    private ImportSummary lastSummary;

    /** Where settings come from (default: environment and system properties). */
    public ImportCommand withSettings(Settings s) {
        this.settings = s;
        return this;
    }

    /** How the publisher is made (tests, or an application sharing one publisher). */
    public ImportCommand withPublisherFactory(BiFunction<PublisherSettings, EventRules, EventPublisher> factory) {
        this.publisherFactory = factory;
        return this;
    }

    /** The summary of the last run, for callers embedding the command. */
    public ImportSummary lastSummary() {
        return lastSummary;
    }

    @Override
    public Integer call() {
        if (settings == null) settings = config.settings();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ProgressReporter.Mode mode;
        switch (progress.toLowerCase(Locale.ROOT)) {
            case "auto" -> mode = ProgressReporter.Mode.auto();
            case "bar" -> mode = ProgressReporter.Mode.BAR;
            case "lines" -> mode = ProgressReporter.Mode.LINES;
            case "none" -> mode = ProgressReporter.Mode.NONE;
            default -> {
                err.println("--progress must be auto, bar, lines or none, not '" + progress + "'");
                return ImportExitCodes.USAGE;
            }
        }
        EventRules rules;
        try {
            rules = connection.rules(settings);
            Importer.preflight(files, Optional.ofNullable(type));
        } catch (ImportFileException | UncheckedIOException | IllegalArgumentException e) {
            err.println("import: " + e.getMessage());
            return ImportExitCodes.USAGE;
        }
        EventPublisher publisher = null;
        if (!dryRun) {
            try {
                publisher = publisherFactory.apply(connection.publisherSettings(settings), rules);
            } catch (RuntimeException e) {
                err.println("import: cannot set up the Kafka producer: " + e.getMessage());
                return ImportExitCodes.UNAVAILABLE;
            }
            if (receiptsFile != null) {
                try {
                    publisher = new ReceiptsFile(publisher, receiptsFile);
                } catch (UncheckedIOException e) {
                    publisher.close();
                    err.println("import: " + e.getMessage());
                    return ImportExitCodes.USAGE;
                }
            }
        }
        ImportOptions options = new ImportOptions(Optional.ofNullable(type), dryRun, assignIds, Math.max(1, maxInFlight),
                Math.max(0, maxErrors), errorsFile);
        try (ErrorReport errors = new ErrorReport(err, options.maxPrintedErrors(), errorsFile)) {
            Importer importer = new Importer(new EventJson(rules), publisher, options, errors, mode, err);
            lastSummary = importer.run(files);
        } catch (UncheckedIOException e) {
            err.println("import: " + e.getMessage());
            return ImportExitCodes.USAGE;
        } finally {
            if (publisher != null) publisher.close();
        }
        out.print(lastSummary.render());
        if (publisher instanceof ReceiptsFile receipts) {
            out.printf("receipts: where each of the %,d stored events is, in %s (ask GET /api/v1/events/{eventId}?topic=...&partition=...&offset=...)%n",
                    receipts.written(), receipts.file());
        }
        out.flush();
        return lastSummary.exitCode();
    }

    /** Lets --type take reconsideration / MEDIATION / Certificate. */
    public static final class EventTypeConverter implements CommandLine.ITypeConverter<EventType> {
        @Override
        public EventType convert(String value) {
            return EventType.fromJsonName(value).orElseThrow(() -> new CommandLine.TypeConversionException(
                    "'" + value + "' is not an event type; expected one of " + EventType.jsonNames()));
        }
    }

    /** The names --type takes, from the list of event types. */
    public static final class EventTypeNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(EventType.values()).map(EventType::jsonName).iterator();
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ImportCommand()).execute(args));
    }
}
