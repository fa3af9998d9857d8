package dev.indicators.producer.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * A request body read under the ingest limits: more than {@code maxBytes} bytes, or a body still arriving after
 * {@code timeout}, fails the read. The failures are IOExceptions so that they pass through the JSON parser unchanged;
 * {@link #refusal(IOException)} turns them into the request's refusal.
 */
final class BoundedBody extends FilterInputStream {

    static final class LimitReached extends IOException {
        final IngestRefusedException refusal;

        LimitReached(IngestRefusedException refusal) {
            super(refusal.getMessage());
            this.refusal = refusal;
        }
    }

    private final long maxBytes;
    private final Duration timeout;
    private final long deadline;
    private long read;

    BoundedBody(InputStream in, long maxBytes, Duration timeout) {
        super(in);
        this.maxBytes = maxBytes;
        this.timeout = timeout;
        this.deadline = System.nanoTime() + timeout.toNanos();
    }

    long bytesRead() {
        return read;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (System.nanoTime() > deadline) throw new LimitReached(IngestRefusedException.bodyTimeout(timeout, read));
        // Never ask for more than one byte past the limit: a body above it is refused without reading the rest.
        int n = super.read(b, off, (int) Math.max(1, Math.min(len, maxBytes + 1 - read)));
        if (n > 0) {
            read += n;
            if (read > maxBytes) throw new LimitReached(IngestRefusedException.tooManyBytes(maxBytes));
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        return read(new byte[(int) Math.min(n, 8192)], 0, (int) Math.min(n, 8192));
    }

    /** The refusal behind a read failure, if a limit caused it. */
    static IngestRefusedException refusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof LimitReached l) return l.refusal;
        }
        return null;
    }
}
