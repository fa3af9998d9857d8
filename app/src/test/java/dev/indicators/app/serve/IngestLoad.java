package dev.indicators.app.serve;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Agencies' systems posting events to {@code POST /api/v1/events} of whichever serve instances are up, in batches
 * from a few client threads, while a test kills or restarts instances (or brokers) under them. A batch answered 503
 * is sent again after its Retry-After (same eventIds, which the pipeline counts once); a batch whose connection an
 * instance's death cut is sent to another instance; every twentieth request re-sends a batch that was already
 * acknowledged, as a client that missed the answer would.
 * <p>
 * What it keeps is what the instances answered, independently of the pipeline's code: the eventIds answered 202 and
 * their county ({@link #acknowledged()}, the recount's input), every status, the slowest answer, and every breach of
 * the ingest contract ({@link #violations()}): a status other than 202 or 503, a 503 without Retry-After, a request
 * left without an answer, a refused connection on an instance that is meant to be up.
 */
final class IngestLoad implements AutoCloseable {

    /** Longer than the instances' Kafka timeout (20 s): a request still unanswered then has hung. */
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(60);
    private static final int RESEND_EVERY = 20;

    private record Batch(List<String> eventIds, List<String> counties, String body) {
    }

    private final List<ServeProcess> up;
    private final List<String> counties;
    private final String day;
    private final int minEvents;
    private final int batchSize;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong generated = new AtomicLong();
    private final AtomicBoolean finishing = new AtomicBoolean();
    private final AtomicInteger nextTarget = new AtomicInteger();
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    private final List<Batch> acknowledgedBatches = new ArrayList<>();
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private final LongAdder cutByFault = new LongAdder();
    private final LongAdder resent = new LongAdder();
    private final AtomicLong slowestMillis = new AtomicLong();
    private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    private final List<Thread> clients = new ArrayList<>();

    /**
     * @param up        the instances to post to, kept by the test: it removes an instance before stopping it and adds it
     *                  when it listens again
     * @param counties  county codes, taken in turn by consecutive events
     * @param day       the day ({@code yyyy-MM-dd}, Asia/Shanghai) every event occurred on
     * @param minEvents how many distinct events to send at least; sending goes on until {@link #finish()} as well
     */
    private IngestLoad(List<ServeProcess> up, List<String> counties, String day, int minEvents, int batchSize) {
        this.up = up;
        this.counties = List.copyOf(counties);
        this.day = day;
        this.minEvents = minEvents;
        this.batchSize = batchSize;
    }

    static IngestLoad start(List<ServeProcess> up, List<String> counties, String day, int minEvents, int batchSize, int clients) {
        IngestLoad load = new IngestLoad(up, counties, day, minEvents, batchSize);
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(load::send, "ingest-client-" + i);
            t.setDaemon(true);
            load.clients.add(t);
            t.start();
        }
        return load;
    }

    private void send() {
        long sent = 0;
        while (true) {
            Batch batch;
            boolean resend = ++sent % RESEND_EVERY == 0;
            synchronized (acknowledgedBatches) {
                batch = resend && !acknowledgedBatches.isEmpty()
                        ? acknowledgedBatches.get((int) (sent / RESEND_EVERY % acknowledgedBatches.size())) : null;
            }
            if (batch != null) {
                resent.increment();
            } else {
                batch = nextBatch();
                if (batch == null) return;
            }
            deliver(batch);
        }
    }

    /** The next batch of new events; null when {@link #finish()} was called and at least minEvents were generated. */
    private Batch nextBatch() {
        if (finishing.get() && generated.get() >= minEvents) return null;
        long first = generated.getAndAdd(batchSize);
        List<String> ids = new ArrayList<>(batchSize);
        List<String> where = new ArrayList<>(batchSize);
        StringBuilder body = new StringBuilder("[");
        for (long seq = first; seq < first + batchSize; seq++) {
            String id = "fault-" + run + "-" + seq;
            String county = counties.get((int) (seq % counties.size()));
            ids.add(id);
            where.add(county);
            if (body.length() > 1) body.append(',');
            body.append("""
                    {"eventId":"%s","type":"mediation","regionCode":"%s","department":"serve-fault",\
                    "occurredAt":"%sT10:00:00+08:00","caseId":"%s","status":"RECEIVED"}""".formatted(id, county, day, id));
        }
        return new Batch(ids, where, body.append(']').toString());
    }

    /** Sends the batch until an instance answers 202 for it (bounded: a batch never accepted is a violation). */
    private void deliver(Batch batch) {
        long giveUp = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < giveUp) {
            List<ServeProcess> targets = List.copyOf(up);
            if (targets.isEmpty()) {
                pause(100);
                continue;
            }
            ServeProcess target = targets.get(Math.floorMod(nextTarget.getAndIncrement(), targets.size()));
            HttpRequest request = HttpRequest.newBuilder(URI.create(target.baseUrl() + "/api/v1/events"))
                    .timeout(ANSWER_BOUND).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(batch.body())).build();
            long asked = System.nanoTime();
            HttpResponse<String> answer;
            try {
                answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (HttpTimeoutException e) {
                violations.add(target.instanceId() + " left a POST without an answer for " + ANSWER_BOUND.toSeconds() + " s");
                continue;
            } catch (IOException e) {
                if (up.contains(target) && target.alive()) {
                    violations.add(target.instanceId() + " is up but the POST failed: " + e);
                    pause(1000);
                } else {
                    cutByFault.increment(); // the instance was stopped or killed under this request: send it elsewhere
                }
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            slowestMillis.accumulateAndGet((System.nanoTime() - asked) / 1_000_000, Math::max);
            int status = answer.statusCode();
            statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
            if (status == 202) {
                for (int i = 0; i < batch.eventIds().size(); i++) acknowledged.put(batch.eventIds().get(i), batch.counties().get(i));
                synchronized (acknowledgedBatches) {
                    acknowledgedBatches.add(batch);
                }
                return;
            }
            if (status == 503) {
                String retryAfter = answer.headers().firstValue("Retry-After").orElse(null);
                // an instance being stopped (no longer in up) refuses new requests with Jetty's bare 503 while it drains
                if (retryAfter == null && up.contains(target)) {
                    violations.add(target.instanceId() + " answered 503 without Retry-After: " + answer.body());
                }
                pause(retryAfter == null ? 1000 : Math.min(1000, Long.parseLong(retryAfter.trim()) * 1000));
                continue;
            }
            violations.add(target.instanceId() + " answered " + status + ": " + abbreviate(answer.body()));
            pause(1000);
        }
        violations.add("a batch of " + batch.eventIds().size() + " events was never answered 202 in 10 minutes");
    }

    /** Waits until at least {@code n} distinct events were answered 202. */
    void awaitAcknowledged(long n, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (acknowledged.size() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + acknowledged.size() + " of " + n + " events acknowledged within " + bound
                        + "; statuses " + statuses() + ", violations " + violations());
            }
            Thread.sleep(100);
        }
    }

    /** Stops generating once minEvents were generated and waits until every batch sent was answered 202. */
    void finish() throws InterruptedException {
        finishing.set(true);
        for (Thread t : clients) t.join(Duration.ofMinutes(12).toMillis());
        for (Thread t : clients) if (t.isAlive()) violations.add(t.getName() + " still had a batch unanswered after 12 minutes");
    }

    /** eventId → county of every event answered 202. */
    Map<String, String> acknowledged() {
        return Map.copyOf(acknowledged);
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    Map<Integer, Long> statuses() {
        Map<Integer, Long> m = new TreeMap<>();
        statuses.forEach((s, n) -> m.put(s, n.sum()));
        return m;
    }

    /** A one-line summary for the test's figures. */
    String summary() {
        return "%d events acknowledged (202) in %d requests; statuses %s; %d batches re-sent after an acknowledgement; "
                .formatted(acknowledged.size(), statuses.getOrDefault(202, new LongAdder()).sum(), statuses(), resent.sum())
                + "%d requests cut by a stopped or killed instance and sent elsewhere; slowest answer %d ms"
                .formatted(cutByFault.sum(), slowestMillis.get());
    }

    private static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        finishing.set(true);
        clients.forEach(Thread::interrupt);
    }
}
