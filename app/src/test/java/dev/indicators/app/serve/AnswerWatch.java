package dev.indicators.app.serve;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * Asks every instance that is up for one total of each region, round after round, while a fault happens: so that a
 * test can say when answers were complete again (a round in which every instance answered every region 200) and
 * that no query was answered with anything but 200 or 503 + Retry-After, nor left without an answer. An instance the
 * test is stopping (no longer in {@code up}) may also answer a bare 503 while its HTTP server drains; those are counted.
 */
final class AnswerWatch implements AutoCloseable {

    private static final Duration ANSWER_BOUND = Duration.ofSeconds(30);

    /** One round over every instance and region: when it started and ended, and whether all answered 200. */
    private record Round(long startNanos, long endNanos, boolean complete) {
    }

    private final List<ServeProcess> up;
    private final List<String> regions;
    private final String indicator;
    private final String period;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final List<Round> rounds = new CopyOnWriteArrayList<>();
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private final Map<String, Long> highest = new ConcurrentHashMap<>();
    private final LongAdder wentBack = new LongAdder();
    private final LongAdder fromStopping = new LongAdder();
    private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    private final Thread watcher;
    private volatile boolean stopped;

    private AnswerWatch(List<ServeProcess> up, List<String> regions, String indicator, String period) {
        this.up = up;
        this.regions = List.copyOf(regions);
        this.indicator = indicator;
        this.period = period;
        this.watcher = new Thread(this::watch, "answer-watch");
        this.watcher.setDaemon(true);
    }

    static AnswerWatch start(List<ServeProcess> up, List<String> regions, String indicator, String period) {
        AnswerWatch watch = new AnswerWatch(up, regions, indicator, period);
        watch.watcher.start();
        return watch;
    }

    private void watch() {
        while (!stopped) {
            long start = System.nanoTime();
            boolean complete = true;
            List<ServeProcess> instances = List.copyOf(up);
            for (ServeProcess instance : instances) {
                for (String region : regions) complete &= ask(instance, region);
            }
            rounds.add(new Round(start, System.nanoTime(), complete && !instances.isEmpty()));
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** True when {@code instance} answered 200 for {@code region}. */
    private boolean ask(ServeProcess instance, String region) {
        URI uri = URI.create(instance.baseUrl() + "/api/v1/totals?region=" + region + "&indicator=" + indicator + "&period=" + period);
        HttpResponse<String> answer;
        try {
            answer = http.send(HttpRequest.newBuilder(uri).timeout(ANSWER_BOUND).build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            violations.add(instance.instanceId() + " left a query for " + region + " without an answer for " + ANSWER_BOUND.toSeconds() + " s");
            return false;
        } catch (IOException e) {
            if (up.contains(instance) && instance.alive()) violations.add(instance.instanceId() + " is up but a query failed: " + e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        int status = answer.statusCode();
        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
        if (status == 200) {
            try {
                long value = json.readTree(answer.body()).path("value").asLong();
                long before = highest.merge(region, value, Math::max);
                if (value < before) wentBack.increment();
            } catch (IOException e) {
                violations.add(instance.instanceId() + " answered 200 with a body that is not JSON: " + answer.body());
            }
            return true;
        }
        if (status == 503 && answer.headers().firstValue("Retry-After").isEmpty() && !up.contains(instance)) {
            // the instance is being stopped: its HTTP server (Jetty) refuses new requests with a bare 503 while it drains
            fromStopping.increment();
        } else if (status != 503 || answer.headers().firstValue("Retry-After").isEmpty()) {
            violations.add(instance.instanceId() + " answered " + status + " for " + region + ": " + answer.body());
        }
        return false;
    }

    /**
     * Waits for the first round that started after {@code sinceNanos} (a {@link System#nanoTime()}) in which every
     * instance answered every region 200, and returns how long after {@code faultNanos} it ended.
     */
    Duration completeAgain(long faultNanos, long sinceNanos, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < deadline) {
            for (Round r : rounds) {
                if (r.startNanos() >= sinceNanos && r.complete()) return Duration.ofNanos(r.endNanos() - faultNanos);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("answers were not complete again within " + bound + "; statuses " + statuses() + ", violations " + violations());
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    Map<Integer, Long> statuses() {
        Map<Integer, Long> m = new TreeMap<>();
        statuses.forEach((s, n) -> m.put(s, n.sum()));
        return m;
    }

    /** Answers (200) lower than one given earlier for the same region: counts only grow here, so a lower one is stale. */
    long answersBelowAnEarlierOne() {
        return wentBack.sum();
    }

    /** 503s without Retry-After from an instance that was being stopped (SIGTERM), and no longer asked after that. */
    long bare503sWhileStopping() {
        return fromStopping.sum();
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        watcher.interrupt();
        watcher.join(Duration.ofSeconds(40).toMillis());
    }
}
