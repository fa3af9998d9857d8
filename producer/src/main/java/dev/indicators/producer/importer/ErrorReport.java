package dev.indicators.producer.importer;

import dev.indicators.contract.validation.FieldError;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reports bad rows, one line per field error: {@code FILE:LINE: field 'x' = 'v': reason}. The first {@code maxPrinted}
 * lines go to the error stream, the rest are only counted (and a note says where to find them); with an errors file,
 * every line is written there. Thread-safe (send failures are reported from the producer's thread).
 */
public final class ErrorReport implements AutoCloseable {

    private final PrintWriter err;
    private final int maxPrinted;
    private final BufferedWriter file;
    private final Path filePath;
    private long lines;
    private long printed;

    public ErrorReport(PrintWriter err, int maxPrinted, Path errorsFile) {
        this.err = err;
        this.maxPrinted = maxPrinted;
        this.filePath = errorsFile;
        try {
            this.file = errorsFile == null ? null : Files.newBufferedWriter(errorsFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write errors file " + errorsFile + ": " + e.getMessage(), e);
        }
    }

    public static String format(String source, long line, FieldError error) {
        return source + ":" + line + ": " + error.message();
    }

    public synchronized void row(String source, long line, List<FieldError> errors) {
        for (FieldError e : errors) write(format(source, line, e));
    }

    /** A problem with a whole file. */
    public synchronized void file(String message) {
        write(message);
    }

    private void write(String text) {
        lines++;
        if (printed < maxPrinted) {
            err.println(text);
            err.flush();
            printed++;
        }
        if (file != null) {
            try {
                file.write(text);
                file.newLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public synchronized long lines() {
        return lines;
    }

    /** How many error lines were not printed (over the cap). */
    public synchronized long suppressed() {
        return lines - printed;
    }

    public Path errorsFile() {
        return filePath;
    }

    @Override
    public synchronized void close() {
        if (suppressed() > 0) {
            err.println("... " + ProgressReporter.count(suppressed()) + " more error lines not shown"
                    + (filePath != null ? " (all " + ProgressReporter.count(lines) + " are in " + filePath + ")" : " (use --errors-file FILE to keep them all)"));
            err.flush();
        }
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
