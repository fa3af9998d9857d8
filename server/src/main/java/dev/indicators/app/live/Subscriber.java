package dev.indicators.app.live;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One subscriber of the {@link TotalsFeed}: its filter, where it joined the stream, and a bounded buffer of changes
 * not yet sent. The feed only ever offers (never waits), so a client that reads too slowly cannot slow the feed or
 * the other subscribers: when its buffer is full it is dropped (the buffer is emptied and it is told so), and it may
 * come back with the id of the last change it received.
 */
public final class Subscriber {

    /** A change with the stream position after it (the event id). */
    public record Delivery(TotalChange change, StreamPosition position) {
        boolean isDrop() {
            return change == null;
        }
    }

    private static final Delivery DROPPED = new Delivery(null, null);

    private final SubscriptionFilter filter;
    private final StreamPosition joinedAt;
    private final int capacity;
    private final ArrayBlockingQueue<Delivery> buffer;
    private volatile boolean dropped;
    private volatile boolean closed;

    Subscriber(SubscriptionFilter filter, StreamPosition joinedAt, int capacity) {
        this.filter = filter;
        this.joinedAt = joinedAt;
        this.capacity = capacity;
        this.buffer = new ArrayBlockingQueue<>(capacity + 1); // one slot more, for the drop notice
    }

    public SubscriptionFilter filter() {
        return filter;
    }

    /** The feed's position when this subscriber joined: every change after it is offered to this subscriber. */
    public StreamPosition joinedAt() {
        return joinedAt;
    }

    /** Offers a change without waiting; false (and dropped from now on) when the buffer is full. */
    boolean offer(Delivery d) {
        if (dropped || closed) return false;
        if (buffer.size() < capacity && buffer.offer(d)) return true;
        dropped = true;
        buffer.clear();
        buffer.offer(DROPPED);
        return false;
    }

    /**
     * The next change, waiting up to {@code wait}; null when none came (time for a heartbeat) or the subscriber was
     * dropped or closed (see {@link #dropped()}, {@link #closed()}).
     */
    public Delivery next(Duration wait) throws InterruptedException {
        if (dropped || closed) return null;
        Delivery d = buffer.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        return d == null || d.isDrop() ? null : d;
    }

    public boolean dropped() {
        return dropped;
    }

    public boolean closed() {
        return closed;
    }

    void close() {
        closed = true;
        buffer.offer(DROPPED); // wakes a sender waiting in next()
    }

    public int buffered() {
        return buffer.size();
    }
}
