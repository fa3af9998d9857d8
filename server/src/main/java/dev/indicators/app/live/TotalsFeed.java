package dev.indicators.app.live;

import dev.indicators.contract.config.KafkaConnection;

import dev.indicators.contract.avro.IndicatorTotal;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.streams.codec.RegistryEventCodec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The one reader of the compacted totals topic in a process, fanning each changed total out to the subscribers of
 * {@code /api/v1/subscribe} and to listeners (the targets). It reads committed records only (the streams app
 * publishes totals in its exactly-once transactions), from the topic's end at start-up, without a consumer group: any
 * instance can serve any subscriber, since the topic holds every region's totals and event ids are topic offsets.
 * <p>
 * Fan-out never waits: each subscriber has a bounded buffer and is dropped when it is full ({@link Subscriber}).
 * Listeners run on the feed's thread and must be quick.
 */
public final class TotalsFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TotalsFeed.class);

    private final String topic;
    private final RegionTable regions;
    private final Deserializer<IndicatorTotal> values;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final List<Consumer<TotalChange>> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch assigned = new CountDownLatch(1);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong unreadable = new AtomicLong();
    private final KafkaConnection connection;
    private volatile boolean running = true;
    private StreamPosition position; // guarded by this

    public TotalsFeed(KafkaConnection connection, String totalsTopic, Deserializer<IndicatorTotal> values, RegionTable regions) {
        this.connection = connection;
        this.topic = totalsTopic;
        this.values = values;
        this.regions = regions;
        this.consumer = new KafkaConsumer<>(consumerProperties(connection, "indicators-totals-feed"),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "totals-feed");
        this.thread.setDaemon(true);
    }

    static Properties consumerProperties(KafkaConnection connection, String clientId) {
        Properties p = new Properties();
        connection.applyTo(p);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"); // a resume point compacted or deleted away: from the start
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50"); // a change should reach a subscriber well within a second
        return p;
    }

    public TotalsFeed start() {
        thread.start();
        return this;
    }

    /** Calls {@code listener} with every changed total read from now on, on the feed's thread. */
    public void listen(Consumer<TotalChange> listener) {
        listeners.add(listener);
    }

    /**
     * A new subscriber, offered every change read after the current position (which it gets as
     * {@link Subscriber#joinedAt()}). Waits up to {@code wait} for the feed to know the topic's partitions.
     *
     * @throws IllegalStateException when the feed is not reading the topic (yet)
     */
    public Subscriber subscribe(SubscriptionFilter filter, int capacity, Duration wait) throws InterruptedException {
        if (!assigned.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the totals topic " + topic + " is not being read yet");
        }
        synchronized (this) {
            Subscriber s = new Subscriber(filter, position, capacity);
            subscribers.add(s);
            return s;
        }
    }

    public void unsubscribe(Subscriber s) {
        subscribers.remove(s);
        s.close();
    }

    public int subscribers() {
        return subscribers.size();
    }

    /** Subscribers dropped because their buffer was full, since start. */
    public long droppedSubscribers() {
        return dropped.get();
    }

    public String topic() {
        return topic;
    }

    public RegionTable regions() {
        return regions;
    }

    /** A reader of the records between two positions, for a subscriber that resumes ({@link TotalsReplay}). */
    public TotalsReplay replay(StreamPosition from, StreamPosition to) {
        return new TotalsReplay(consumerProperties(connection, "indicators-totals-replay"), topic, values, from, to);
    }

    public boolean isAlive() {
        return thread.isAlive();
    }

    private void run() {
        try {
            List<TopicPartition> partitions = awaitPartitions();
            if (partitions == null) return;
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            Map<Integer, Long> start = new HashMap<>();
            for (TopicPartition tp : partitions) start.put(tp.partition(), consumer.position(tp));
            synchronized (this) {
                position = StreamPosition.of(start);
            }
            assigned.countDown();
            log.info("totals feed reads {} from {}", topic, position);
            while (running) {
                List<TotalChange> read = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    TotalChange change = decode(r);
                    synchronized (this) {
                        position = position.after(r.partition(), r.offset());
                        if (change == null) continue;
                        Subscriber.Delivery d = new Subscriber.Delivery(change, position);
                        for (Subscriber s : subscribers) {
                            if (s.filter().accepts(change, regions) && !s.offer(d)) {
                                subscribers.remove(s);
                                dropped.incrementAndGet();
                                log.info("dropped a subscriber of {} whose buffer was full", s.filter());
                            }
                        }
                    }
                    read.add(change);
                }
                for (TotalChange change : read) {
                    for (Consumer<TotalChange> l : listeners) {
                        try {
                            l.accept(change);
                        } catch (RuntimeException e) {
                            log.warn("a totals listener failed on {}: {}", change, e.toString());
                        }
                    }
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("totals feed stopped", e);
        } finally {
            subscribers.forEach(Subscriber::close);
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private List<TopicPartition> awaitPartitions() throws InterruptedException {
        while (running) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(pi -> new TopicPartition(topic, pi.partition())).toList();
            }
            Thread.sleep(500);
        }
        return null;
    }

    private TotalChange decode(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) return null; // a tombstone: not a change of a total
        while (true) {
            try {
                return TotalChange.of(values.deserialize(topic, r.value()));
            } catch (RuntimeException e) {
                if (RegistryEventCodec.isRegistryUnavailable(e) && running) {
                    // the registry is down: wait for it rather than skip a change every subscriber should see
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException stop) {
                        Thread.currentThread().interrupt();
                        return null;
                    }
                    continue;
                }
                if (unreadable.incrementAndGet() <= 10) {
                    log.warn("totals record {}-{}@{} cannot be read, skipped: {}", topic, r.partition(), r.offset(), e.toString());
                }
                return null;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        subscribers.forEach(Subscriber::close);
    }
}
