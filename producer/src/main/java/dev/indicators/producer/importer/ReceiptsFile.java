package dev.indicators.producer.importer;

import dev.indicators.contract.validation.ParsedEvent;
import dev.indicators.producer.publish.EventPublisher;
import dev.indicators.producer.publish.PublishResult;
import org.apache.avro.specific.SpecificRecord;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code import --receipts FILE}: where Kafka stored each published event, one CSV line per event
 * ({@code eventId,topic,partition,offset}), so that a sender can later ask the pipeline what became of each one
 * ({@code GET /api/v1/events/{eventId}?topic=...&partition=...&offset=...}: pending, counted, or rejected and why).
 * Wraps the publisher the importer uses; the lines come in acknowledgement order.
 */
final class ReceiptsFile implements EventPublisher {

    static final String HEADER = "eventId,topic,partition,offset";

    private final EventPublisher publisher;
    private final Path file;
    private final BufferedWriter out;
    private final AtomicLong written = new AtomicLong();

    ReceiptsFile(EventPublisher publisher, Path file) {
        this.publisher = publisher;
        this.file = file;
        try {
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            out.write(HEADER);
            out.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the receipts file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public CompletableFuture<PublishResult> publish(SpecificRecord event) {
        return publisher.publish(event).whenComplete((r, e) -> record(r));
    }

    @Override
    public CompletableFuture<PublishResult> publishParsed(ParsedEvent parsed) {
        return publisher.publishParsed(parsed).whenComplete((r, e) -> record(r));
    }

    private void record(PublishResult r) {
        if (r == null) return; // not stored: the import's error report says why
        synchronized (out) {
            try {
                // eventIds are 1-64 characters of the contract's alphabet; quote anyway in case a comma is allowed one day
                out.write(csv(r.eventId()) + "," + r.topic() + "," + r.partition() + "," + r.offset());
                out.newLine();
                written.incrementAndGet();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the receipts file " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private static String csv(String value) {
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    /** How many receipts were written. */
    long written() {
        return written.get();
    }

    Path file() {
        return file;
    }

    @Override
    public void flush() {
        publisher.flush();
    }

    @Override
    public void close() {
        try {
            publisher.close();
        } finally {
            synchronized (out) {
                try {
                    out.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write the receipts file " + file + ": " + e.getMessage(), e);
                }
            }
        }
    }
}
