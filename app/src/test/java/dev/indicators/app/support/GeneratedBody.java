package dev.indicators.app.support;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** A request body made as it is read ({@code prefix}, {@code count} times {@code element}, {@code suffix}): none of it in memory. */
public final class GeneratedBody extends InputStream {

    private final byte[] prefix;
    private final byte[] element;
    private final byte[] suffix;
    private final long length;
    private long pos;

    public GeneratedBody(String prefix, String element, long count, String suffix) {
        this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
        this.element = element.getBytes(StandardCharsets.UTF_8);
        this.suffix = suffix.getBytes(StandardCharsets.UTF_8);
        this.length = this.prefix.length + count * this.element.length + this.suffix.length;
    }

    /** {@code [{},{},...,{}]} with {@code n} elements. */
    public static GeneratedBody emptyObjectArray(long n) {
        return new GeneratedBody("[", "{},", n - 1, "{}]");
    }

    /** {@code n} lines of {@code {}}. */
    public static GeneratedBody emptyObjectLines(long n) {
        return new GeneratedBody("", "{}\n", n, "");
    }

    public long length() {
        return length;
    }

    @Override
    public int read() {
        if (pos >= length) return -1;
        return byteAt(pos++) & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (pos >= length) return -1;
        int n = (int) Math.min(len, length - pos);
        for (int i = 0; i < n; i++) b[off + i] = byteAt(pos++);
        return n;
    }

    private byte byteAt(long p) {
        if (p < prefix.length) return prefix[(int) p];
        long q = p - prefix.length;
        long body = length - prefix.length - suffix.length;
        if (q < body) return element[(int) (q % element.length)];
        return suffix[(int) (q - body)];
    }
}
