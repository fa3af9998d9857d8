package dev.indicators.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A client of a server-sent event stream as a browser's EventSource reads it: {@code event:}, {@code id:} and
 * {@code data:} lines up to a blank line make one event; comment lines (heartbeats) are counted. Read on its own thread.
 */
public final class EventStream implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One event; {@code name} is "message" when the server gave none. */
    public record Event(String name, String id, String data) {
        public JsonNode json() {
            try {
                return JSON.readTree(data);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + data, e);
            }
        }
    }

    private final HttpURLConnection connection;
    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile int comments;
    private volatile boolean ended;
    private final int status;

    public EventStream(String url, String lastEventId) throws IOException {
        connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setRequestProperty("Accept", "text/event-stream");
        if (lastEventId != null) connection.setRequestProperty("Last-Event-ID", lastEventId);
        connection.setReadTimeout(60_000);
        status = connection.getResponseCode();
        reader = new Thread(this::read, "event-stream-reader");
        reader.setDaemon(true);
        if (status == 200) reader.start();
    }

    public int status() {
        return status;
    }

    public String contentType() {
        return connection.getContentType();
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8))) {
            String name = null, id = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    if (name != null || data.length() > 0) events.add(new Event(name == null ? "message" : name, id, data.toString()));
                    name = null;
                    id = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    comments++;
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("data:")) {
                    if (data.length() > 0) data.append('\n');
                    data.append(line.substring(5).trim());
                }
            }
        } catch (IOException e) {
            // closed
        } finally {
            ended = true;
        }
    }

    /** The next event matching {@code condition} (skipping others), or an AssertionError after {@code timeout}. */
    public Event await(Predicate<Event> condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Event> skipped = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            Event e = events.poll(100, TimeUnit.MILLISECONDS);
            if (e == null) continue;
            if (condition.test(e)) return e;
            skipped.add(e);
        }
        throw new AssertionError("no event " + what + " within " + timeout + "; got " + skipped + (ended ? " and the stream ended" : ""));
    }

    /** Every event received up to and including the first that matches {@code last}. */
    public List<Event> until(Predicate<Event> last, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Event> got = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            Event e = events.poll(100, TimeUnit.MILLISECONDS);
            if (e == null) continue;
            got.add(e);
            if (last.test(e)) return got;
        }
        throw new AssertionError("the stream did not reach the expected event within " + timeout + "; got " + got);
    }

    public int comments() {
        return comments;
    }

    @Override
    public void close() {
        connection.disconnect();
    }
}
