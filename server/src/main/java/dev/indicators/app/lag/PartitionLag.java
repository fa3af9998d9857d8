package dev.indicators.app.lag;

/**
 * How far one consumer group is behind on one partition. {@code secondsLag} is the age of the next record the
 * group has not consumed yet (0 when caught up), read from that record's timestamp rather than extrapolated.
 * {@code committedOffset} is -1 when the group never committed on this partition; it then starts at the log start.
 */
public record PartitionLag(String group, String topic, int partition, long committedOffset, long logStartOffset,
                           long endOffset, long offsetLag, double secondsLag) {

    /** Records deleted by retention before the group read them. */
    public long recordsLostToRetention() {
        return committedOffset >= 0 && committedOffset < logStartOffset ? logStartOffset - committedOffset : 0;
    }
}
