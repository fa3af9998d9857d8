package dev.indicators.app.support;

import java.io.IOException;
import java.io.OutputStream;

/** Writes to the console as before and keeps a copy for the assertions (System.out / System.err in tests). */
public final class Tee extends OutputStream {
    private final OutputStream first;
    private final OutputStream second;

    public Tee(OutputStream first, OutputStream second) {
        this.first = first;
        this.second = second;
    }

    @Override
    public void write(int b) throws IOException {
        first.write(b);
        synchronized (second) {
            second.write(b);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        first.write(b, off, len);
        synchronized (second) {
            second.write(b, off, len);
        }
    }

    @Override
    public void flush() throws IOException {
        first.flush();
    }
}
