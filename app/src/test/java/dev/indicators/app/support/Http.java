package dev.indicators.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** A small HTTP client for the pipeline's API, with polling for eventually-consistent totals. */
public final class Http {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    /** The Authorization header of every GET (a server whose reads need a token), or null. */
    private final String authorization;

    public Http(String base) {
        this(base, null);
    }

    private Http(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** This server, reading with a bearer token (INDICATORS_HTTP_READ_ACCESS=token). */
    public Http readingWith(String token) {
        return new Http(base, "Bearer " + token);
    }

    public String base() {
        return base;
    }

    public record Answer(int status, String body, HttpResponse<String> response) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    public Answer get(String pathAndQuery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET();
        if (authorization != null) request.header("Authorization", authorization);
        return send(request.build());
    }

    public Answer post(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /**
     * POSTs events until ingest accepts them (202), re-sending after a 503 (Kafka not answering in time on a loaded
     * machine: re-sending the same eventIds is safe); any other answer is returned at once.
     */
    public Answer postEvents(String contentType, String body, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Answer a = post("/api/v1/events", contentType, body);
        while (a.status() == 503 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            a = post("/api/v1/events", contentType, body);
        }
        return a;
    }

    /** A request to a path of this server, to be completed by the caller (method, headers, timeout). */
    public HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(base + pathAndQuery));
    }

    public Answer send(HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new AssertionError(request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** GETs until the answer satisfies the condition, or fails with the last answer after the timeout. */
    public Answer await(String pathAndQuery, Predicate<Answer> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Answer last = null;
        while (System.nanoTime() < deadline) {
            last = get(pathAndQuery);
            if (condition.test(last)) return last;
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("GET " + pathAndQuery + " did not reach the expected answer within " + timeout
                + "; last answer: " + (last == null ? "none" : last.status() + " " + last.body()));
    }

    /** The value of one total, waiting until it equals the expected value. */
    public JsonNode awaitTotal(String region, String indicator, String period, double expected) {
        return await("/api/v1/totals?region=" + region + "&indicator=" + indicator + "&period=" + period,
                a -> a.status() == 200 && a.json().path("value").asDouble(Double.NaN) == expected, Duration.ofSeconds(60)).json();
    }
}
