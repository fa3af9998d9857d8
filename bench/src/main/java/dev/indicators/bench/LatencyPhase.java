package dev.indicators.bench;

import dev.indicators.testkit.recount.Recount;
import dev.indicators.producer.publish.EventPublisher;
import org.HdrHistogram.Histogram;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Phase 4: with the pipeline caught up, publish new events at a steady rate and measure, for every total update they
 * cause, the time from the event's produce to the update's appearance on the totals topic to a
 * {@code read_committed} consumer (what a dashboard sees; under exactly-once an update becomes visible when the
 * app's transaction commits).
 * <p>
 * Matching an update to its input: the streams app stamps each total it publishes while processing a contribution
 * with the record timestamp of the input event, which the producer set when the event was sent (CreateTime). So
 * {@code latency = time seen - record timestamp}. Updates the app publishes on its wall-clock refresh (trailing
 * windows, the re-published stock {@code certificates.active}) carry the refresh time instead and are left out, as
 * is anything stamped before the phase began.
 */
final class LatencyPhase {

    /** What the phase measured; latencies in milliseconds. */
    public record Outcome(double targetRate, double achievedRate, double seconds, long events, long updates,
                          long p50Ms, long p99Ms, long p999Ms, long maxMs, double meanMs, double drainSeconds,
                          int totalsPartitionsObserved, int totalsPartitions) {
    }

    private LatencyPhase() {
    }

    static Outcome run(EventPublisher publisher, Iterator<SpecificRecord> events, long n, double rate, String bootstrapServers,
                       String totalsTopic, Runnable awaitCaughtUp, Progress progress) {
        Histogram histogram = new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
        Observer observer = new Observer(bootstrapServers, totalsTopic, histogram);
        Thread thread = new Thread(observer, "bench-latency-observer");
        thread.setDaemon(true);
        thread.start();
        observer.awaitAssigned();

        long phaseStart = System.currentTimeMillis();
        observer.since(phaseStart);
        Semaphore inFlight = new Semaphore(PublishPhase.MAX_IN_FLIGHT);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong acknowledged = new AtomicLong();
        Progress.Ticker ticker = progress.ticker("latency", n);
        long started = System.nanoTime();
        double intervalNanos = 1e9 / rate;
        long sent = 0;
        while (events.hasNext() && failure.get() == null) {
            SpecificRecord event = events.next();
            long due = started + (long) (sent * intervalNanos);
            long wait = due - System.nanoTime();
            if (wait > 0) LockSupport.parkNanos(wait);
            inFlight.acquireUninterruptibly();
            publisher.publish(event).whenComplete((r, e) -> {
                if (e == null) acknowledged.incrementAndGet();
                else failure.compareAndSet(null, e);
                inFlight.release();
            });
            sent++;
            ticker.update(sent, observer::summary);
        }
        publisher.flush();
        double seconds = (System.nanoTime() - started) / 1e9;
        inFlight.acquireUninterruptibly(PublishPhase.MAX_IN_FLIGHT);
        if (failure.get() != null) {
            observer.stop(thread);
            throw new BenchFailure("publishing failed during the latency phase: " + failure.get().getMessage(), failure.get());
        }
        long drainStart = System.nanoTime();
        awaitCaughtUp.run();
        double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
        PipelinePhase.sleep(500); // the last committed updates reach the observer
        observer.stop(thread);
        if (observer.failure.get() != null) {
            throw new BenchFailure("reading the totals topic failed: " + observer.failure.get().getMessage(), observer.failure.get());
        }
        Outcome outcome;
        synchronized (histogram) {
            outcome = new Outcome(rate, Throughput.round(sent / seconds, 1), Throughput.round(seconds, 3), sent, histogram.getTotalCount(),
                    histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9),
                    histogram.getMaxValue(), Throughput.round(histogram.getMean(), 1), Throughput.round(drainSeconds, 3),
                    observer.observed, observer.partitions);
        }
        progress.line("latency: %,d events at %,.0f events/s for %.1f s; %,d total updates seen (%d of %d partitions); p50 %d ms, p99 %d ms, "
                        + "p99.9 %d ms, max %d ms; caught up %.1f s after the last event",
                sent, outcome.achievedRate(), seconds, outcome.updates(), outcome.totalsPartitionsObserved(), outcome.totalsPartitions(),
                outcome.p50Ms(), outcome.p99Ms(), outcome.p999Ms(), outcome.maxMs(), drainSeconds);
        if (outcome.updates() == 0) throw new BenchFailure("no total update reached the totals topic during the latency phase");
        return outcome;
    }

    /** Reads the totals topic from its end and records the latency of every update caused by an input event. */
    private static final class Observer implements Runnable {
        private final String bootstrapServers;
        private final String topic;
        private final Histogram histogram;
        private final CountDownLatch assigned = new CountDownLatch(1);
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private volatile boolean running = true;
        private volatile long since = Long.MAX_VALUE;
        private volatile int observed;
        private volatile int partitions;

        Observer(String bootstrapServers, String topic, Histogram histogram) {
            this.bootstrapServers = bootstrapServers;
            this.topic = topic;
            this.histogram = histogram;
        }

        void since(long millis) {
            since = millis;
        }

        @Override
        public void run() {
            Map<String, Object> config = RawConsumePhase.consumerConfig(bootstrapServers, "indicators-bench-latency");
            config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString().toLowerCase(Locale.ROOT));
            config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
                // every partition: a sample of them would leave out the regions whose totals land elsewhere, and
                // the figure is "p99 with all partitions observed"
                List<TopicPartition> partitions = new ArrayList<>();
                for (PartitionInfo p : infos) partitions.add(new TopicPartition(topic, p.partition()));
                this.partitions = infos.size();
                this.observed = partitions.size();
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                for (TopicPartition tp : partitions) consumer.position(tp, Duration.ofSeconds(30));
                assigned.countDown();
                while (running) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(50));
                    long seen = System.currentTimeMillis();
                    if (records.isEmpty()) continue;
                    synchronized (histogram) {
                        for (ConsumerRecord<byte[], byte[]> r : records) {
                            if (r.timestamp() < since || !causedByAnEvent(r.key())) continue;
                            histogram.recordValue(Math.min(Math.max(0, seen - r.timestamp()), histogram.getHighestTrackableValue()));
                        }
                    }
                }
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            } finally {
                assigned.countDown();
            }
        }

        /** Keys are {@code regionCode|indicator|period}: trailing windows and the stock are (also) refresh-time updates. */
        static boolean causedByAnEvent(byte[] key) {
            if (key == null) return false;
            String k = new String(key, StandardCharsets.UTF_8);
            return !k.contains("|trailing:") && !Recount.isStock(k.split("\\|")[1]);
        }

        void awaitAssigned() {
            try {
                if (!assigned.await(60, TimeUnit.SECONDS)) throw new BenchFailure("could not subscribe to " + topic + " in 60 s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchFailure("interrupted", e);
            }
            if (failure.get() != null) throw new BenchFailure("could not read " + topic + ": " + failure.get().getMessage(), failure.get());
        }

        String summary() {
            synchronized (histogram) {
                return histogram.getTotalCount() == 0 ? "no updates seen yet"
                        : String.format(Locale.ROOT, "%,d updates seen, p50 %d ms, p99 %d ms", histogram.getTotalCount(),
                        histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99));
            }
        }

        void stop(Thread thread) {
            running = false;
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
