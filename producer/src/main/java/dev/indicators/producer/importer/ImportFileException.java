package dev.indicators.producer.importer;

/** A whole file cannot be imported (missing, unsupported format, bad CSV header). */
public class ImportFileException extends RuntimeException {
    public ImportFileException(String message) {
        super(message);
    }

    public ImportFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
