package dev.indicators.producer.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;

/**
 * The record loop every import reader shares: one row read ahead on demand, the end remembered, I/O errors unchecked,
 * bytes counted for progress. A format only says how to read its next row ({@link #readRow()}).
 */
abstract class RecordLoop implements EventFileReader {

    private final CountingInputStream counting;
    private SourceRow next;
    private boolean done;

    RecordLoop(CountingInputStream counting) {
        this.counting = counting;
    }

    /** The next row of the file, or null at its end. */
    protected abstract SourceRow readRow() throws IOException;

    @Override
    public final boolean hasNext() {
        if (next != null) return true;
        if (done) return false;
        try {
            next = readRow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (next == null) done = true;
        return next != null;
    }

    @Override
    public final SourceRow next() {
        if (!hasNext()) throw new NoSuchElementException();
        SourceRow r = next;
        next = null;
        return r;
    }

    @Override
    public final long bytesRead() {
        return counting.count();
    }
}
