package dev.indicators.producer.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.indicators.contract.EventType;
import dev.indicators.contract.validation.EventJson;
import dev.indicators.contract.validation.FieldError;
import dev.indicators.contract.validation.InvalidEventException;
import dev.indicators.contract.validation.ParsedEvent;
import dev.indicators.producer.publish.EventPublisher;
import dev.indicators.producer.publish.PublishException;
import org.apache.avro.specific.SpecificRecord;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * Imports event files: reads them row by row, validates each row with {@link EventJson}, skips repeats of an eventId
 * with the same content, publishes the good rows asynchronously (at most {@link ImportOptions#maxInFlight()}
 * unacknowledged) and reports every bad row with file, line, field and reason. Good rows are published even when
 * others are bad. Memory does not grow with the file, except for the duplicate filter (~24 bytes per distinct event).
 * <p>
 * When Kafka or the registry cannot be reached (a send fails as {@link PublishException#unavailable()}), the import
 * stops rather than waiting out a timeout for every remaining row; re-running it is safe, re-sent events are
 * counted once.
 */
public final class Importer {

    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");

    private final EventJson json;
    private final EventPublisher publisher;
    private final ImportOptions options;
    private final ErrorReport errors;
    private final ProgressReporter.Mode progressMode;
    private final PrintWriter progressOut;

    private final DuplicateFilter seen = new DuplicateFilter();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong sendFailures = new AtomicLong();
    private final AtomicReference<PublishException> stopCause = new AtomicReference<>();
    private long read;
    private long rejected;
    private long duplicates;
    private long filesFailed;
    private long valid;

    /**
     * @param publisher where good rows go; may be null with {@link ImportOptions#dryRun()}
     */
    public Importer(EventJson json, EventPublisher publisher, ImportOptions options, ErrorReport errors,
                    ProgressReporter.Mode progressMode, PrintWriter progressOut) {
        if (publisher == null && !options.dryRun()) throw new IllegalArgumentException("a publisher is needed unless dry-running");
        this.json = json;
        this.publisher = publisher;
        this.options = options;
        this.errors = errors;
        this.progressMode = progressMode;
        this.progressOut = progressOut;
    }

    /**
     * Checks before anything is published that every file exists, has a supported format and (CSV) a usable header.
     *
     * @throws ImportFileException naming the first file that cannot be imported
     */
    public static void preflight(List<Path> files, Optional<EventType> type) {
        for (Path f : files) {
            try (EventFileReader r = EventFileReader.open(f, type)) {
                // opening reads the CSV header; nothing else
            } catch (IOException e) {
                throw new ImportFileException(f + ": cannot read: " + e.getMessage(), e);
            }
        }
    }

    public ImportSummary run(List<Path> files) {
        long totalBytes = 0;
        for (Path f : files) {
            try {
                totalBytes += Files.size(f);
            } catch (IOException ignored) {
                // reported when the file is opened
            }
        }
        ProgressReporter progress = ProgressReporter.forBytes(progressMode, progressOut, "import", totalBytes);
        Semaphore inFlight = new Semaphore(options.maxInFlight());
        long start = System.nanoTime();
        long doneBytes = 0;
        outer:
        for (Path file : files) {
            String source = file.toString();
            try (EventFileReader reader = EventFileReader.open(file, options.type())) {
                while (reader.hasNext()) {
                    if (stopCause.get() != null) break outer;
                    SourceRow row = reader.next();
                    read++;
                    handle(file, source, row, inFlight);
                    progress.update(doneBytes + reader.bytesRead(), read);
                }
            } catch (ImportFileException e) {
                filesFailed++;
                errors.file(e.getMessage());
            } catch (IOException | UncheckedIOException e) {
                filesFailed++;
                errors.file(source + ": read failed: " + e.getMessage());
            }
            try {
                doneBytes += Files.size(file);
            } catch (IOException ignored) {
                // counted as failed above
            }
        }
        if (publisher != null) {
            publisher.flush();
            inFlight.acquireUninterruptibly(options.maxInFlight());
            inFlight.release(options.maxInFlight());
        }
        progress.finish(doneBytes, read);
        PublishException stop = stopCause.get();
        if (stop != null) {
            errors.file("import stopped: Kafka or the schema registry cannot be reached (" + PublishException.describe(stop.getCause())
                    + "); rows after the last one reported were not read. Re-running the import is safe: re-sent events are counted once.");
        }
        return new ImportSummary(read, options.dryRun() ? valid : published.get(), rejected, duplicates,
                sendFailures.get(), filesFailed, options.dryRun(), Duration.ofNanos(System.nanoTime() - start), doneBytes,
                stop == null ? null : PublishException.describe(stop.getCause()));
    }

    private void handle(Path file, String source, SourceRow row, Semaphore inFlight) {
        if (!row.readable()) {
            reject(source, row.line(), List.of(row.error()));
            return;
        }
        JsonNode node = row.node();
        if (node instanceof ObjectNode obj) {
            if (options.type().isPresent() && !obj.hasNonNull("type")) obj.put("type", options.type().get().jsonName());
            if (options.assignIds() && missing(obj.get("eventId"))) obj.put("eventId", assignedId(file, row.line()));
        }
        ParsedEvent parsed = json.parse(node);
        if (!parsed.valid()) {
            reject(source, row.line(), parsed.errors());
            return;
        }
        SpecificRecord event = parsed.event();
        switch (seen.check(parsed.eventId(), ContentHash.of(event))) {
            case DUPLICATE -> {
                duplicates++;
                return;
            }
            case CONFLICT -> {
                reject(source, row.line(), List.of(new FieldError("eventId", parsed.eventId(),
                        "already used earlier in this import for an event with different content")));
                return;
            }
            case NEW -> {
                // go on
            }
        }
        valid++;
        if (options.dryRun()) return;
        inFlight.acquireUninterruptibly();
        CompletableFuture<?> sent;
        try {
            sent = publisher.publish(event);
        } catch (InvalidEventException e) {
            inFlight.release();
            valid--;
            reject(source, row.line(), e.errors());
            return;
        } catch (RuntimeException e) {
            inFlight.release();
            fail(source, row.line(), e instanceof PublishException p ? p : new PublishException(parsed.eventId(), e));
            return;
        }
        long line = row.line();
        sent.whenComplete((r, e) -> {
            try {
                if (e == null) {
                    published.incrementAndGet();
                } else {
                    Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
                    fail(source, line, cause instanceof PublishException p ? p : new PublishException(parsed.eventId(), cause));
                }
            } finally {
                inFlight.release();
            }
        });
    }

    private void fail(String source, long line, PublishException e) {
        sendFailures.incrementAndGet();
        errors.row(source, line, List.of(new FieldError("(kafka)", null, "not published: " + PublishException.describe(e.getCause()))));
        if (e.unavailable()) stopCause.compareAndSet(null, e);
    }

    private void reject(String source, long line, List<FieldError> errs) {
        rejected++;
        errors.row(source, line, errs);
    }

    private static boolean missing(JsonNode v) {
        return v == null || v.isNull() || (v.isTextual() && v.asText().isBlank());
    }

    /** The eventId --assign-ids gives a row: the file's name and the line, e.g. {@code cases-2017.csv-L42}. */
    public static String assignedId(Path file, long line) {
        String name = UNSAFE.matcher(file.getFileName().toString()).replaceAll("_");
        String suffix = "-L" + line;
        int room = 64 - suffix.length();
        if (name.length() > room) name = name.substring(name.length() - room);
        return name + suffix;
    }

}
