package dev.indicators.app.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 over a plain socket, for what a well-behaved client library will not do: stream a body of any size
 * while reading the answer (a server may answer before the body ends), lie about Content-Length, or send slowly.
 */
public final class RawHttp {

    /** Status, body and the bytes of the whole answer (headers included). */
    public record Answer(int status, String head, String body, int bytes) {
    }

    private RawHttp() {
    }

    /**
     * POSTs a body streamed from {@code body} (chunked when {@code contentLength} is null) and reads the answer while
     * still sending; sending stops at the first write error (the server closed after answering).
     */
    public static Answer post(int port, String path, String contentType, InputStream body, Long contentLength) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + contentType + "\r\nConnection: close\r\n"
                    + (contentLength == null ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + contentLength + "\r\n") + "\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            Thread writer = new Thread(() -> {
                byte[] buf = new byte[16 * 1024];
                try {
                    int n;
                    while ((n = body.read(buf)) > 0) {
                        if (contentLength == null) out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(buf, 0, n);
                        if (contentLength == null) out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    if (contentLength == null) out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException e) {
                    // the server answered and closed: stop sending
                }
            }, "raw-http-writer");
            writer.setDaemon(true);
            writer.start();
            Answer a = read(socket.getInputStream());
            writer.join(10_000);
            return a;
        }
    }

    /** Reads one answer up to the end of the connection (the requests say Connection: close). */
    public static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        try {
            while ((n = in.read(buf)) > 0) all.write(buf, 0, n);
        } catch (IOException e) {
            if (all.size() == 0) throw e; // reset after the answer arrived: keep the answer
        }
        String text = all.toString(StandardCharsets.UTF_8);
        int split = text.indexOf("\r\n\r\n");
        String head = split < 0 ? text : text.substring(0, split);
        String body = split < 0 ? "" : text.substring(split + 4);
        if (head.toLowerCase().contains("transfer-encoding: chunked")) body = dechunk(body);
        int status = Integer.parseInt(head.substring(9, 12));
        return new Answer(status, head, body, all.size());
    }

    private static String dechunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < chunked.length()) {
            int eol = chunked.indexOf("\r\n", i);
            if (eol < 0) break;
            int size = Integer.parseInt(chunked.substring(i, eol).trim(), 16);
            if (size == 0) break;
            out.append(chunked, eol + 2, Math.min(chunked.length(), eol + 2 + size));
            i = eol + 2 + size + 2;
        }
        return out.toString();
    }
}
