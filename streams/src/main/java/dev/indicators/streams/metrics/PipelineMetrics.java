package dev.indicators.streams.metrics;

import dev.indicators.contract.EventType;
import dev.indicators.streams.deadletter.DeadLetterReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The pipeline's own meters, on a registry the caller gives (no global registry). Tags are low-cardinality only
 * ({@code type}, {@code reason}); never ids or regions.
 * <ul>
 *   <li>{@value #PROCESSED}{type}: distinct events taken into case state;</li>
 *   <li>{@value #DUPLICATES}{type}: re-sent events skipped (same eventId, same content);</li>
 *   <li>{@value #LATE}{type}: events whose Asia/Shanghai day had ended when they arrived (record timestamp);</li>
 *   <li>{@value #DEAD_LETTERED}{type, reason}: records sent to the dead-letter topic;</li>
 *   <li>{@value #TOTALS_PUBLISHED}: total updates published;</li>
 *   <li>{@value #E2E_LATENCY}: from the input record's timestamp to the publication of the totals it changed
 *       (percentile histogram).</li>
 * </ul>
 * Counting is not transactional: after a crash under exactly-once, records re-processed are counted again.
 */
public final class PipelineMetrics {

    public static final String PROCESSED = "indicators.events.processed";
    public static final String DUPLICATES = "indicators.events.duplicates";
    public static final String LATE = "indicators.events.late";
    public static final String DEAD_LETTERED = "indicators.events.deadlettered";
    public static final String TOTALS_PUBLISHED = "indicators.totals.published";
    public static final String E2E_LATENCY = "indicators.e2e.latency";

    private final MeterRegistry registry;
    private final Map<EventType, Counter> processed = new EnumMap<>(EventType.class);
    private final Map<EventType, Counter> duplicates = new EnumMap<>(EventType.class);
    private final Map<EventType, Counter> late = new EnumMap<>(EventType.class);
    private final Map<EventType, Map<DeadLetterReason, Counter>> deadLettered = new EnumMap<>(EventType.class);
    private final Counter published;
    private final Timer latency;

    public PipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (EventType t : EventType.values()) {
            processed.put(t, Counter.builder(PROCESSED).description("distinct events taken into case state").tag("type", t.jsonName()).register(registry));
            duplicates.put(t, Counter.builder(DUPLICATES).description("re-sent events skipped").tag("type", t.jsonName()).register(registry));
            late.put(t, Counter.builder(LATE).description("events arriving after their day had ended").tag("type", t.jsonName()).register(registry));
            Map<DeadLetterReason, Counter> byReason = new EnumMap<>(DeadLetterReason.class);
            for (DeadLetterReason r : DeadLetterReason.values()) {
                byReason.put(r, Counter.builder(DEAD_LETTERED).description("records sent to the dead-letter topic")
                        .tag("type", t.jsonName()).tag("reason", r.label()).register(registry));
            }
            deadLettered.put(t, byReason);
        }
        this.published = Counter.builder(TOTALS_PUBLISHED).description("total updates published to the totals topic").register(registry);
        this.latency = Timer.builder(E2E_LATENCY)
                .description("input record timestamp to the publication of the totals it changed")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }

    /** Meters kept in a private registry nobody reads. */
    public static PipelineMetrics unobserved() {
        return new PipelineMetrics(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void processed(EventType type) {
        processed.get(type).increment();
    }

    public void duplicate(EventType type) {
        duplicates.get(type).increment();
    }

    public void late(EventType type) {
        late.get(type).increment();
    }

    public void deadLettered(EventType type, DeadLetterReason reason) {
        deadLettered.get(type).get(reason).increment();
    }

    public void published(int n) {
        published.increment(n);
    }

    public void latency(Duration d) {
        latency.record(d.isNegative() ? Duration.ZERO : d);
    }
}
