package dev.indicators.streams.totals;

import dev.indicators.contract.avro.IndicatorTotal;
import dev.indicators.contract.region.RegionLevel;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.contract.validation.EventJson;
import dev.indicators.streams.metrics.PipelineMetrics;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the totals of the regions of its partitions and publishes their changes as {@link IndicatorTotal}s keyed
 * {@code regionCode|indicator|period}.
 *
 * <p>On each {@link Contribution}: the day, month, quarter, year and all-time buckets of the indicator move by the
 * delta in the totals store, and so do the trailing 7/30/365-day windows that contain its day (kept as sums in the
 * {@code trailing} store; for the stock, its trailing windows are the stock now). Every bucket and window changed is
 * noted; before each commit ({@link BeforeCommit}) each of them is published once, with the rates that depend on it,
 * however many contributions moved it in between, so the totals topic is written in the same transaction as the state
 * it reflects. A wall-clock punctuator (every {@code refreshInterval}) does what depends on the clock or on later
 * buckets:
 * <ul>
 *   <li>when the Asia/Shanghai day has turned, slides the trailing windows: each one that holds something is summed
 *       again over its new days, and published if it changed (once a day, the only full pass);</li>
 *   <li>re-publishes the stock {@code certificates.active} for every bucket after a change dated in the past (a stock
 *       at the end of a later period changes too).</li>
 * </ul>
 * What the refresh still owes is kept in the changelogged {@code refresh} store, so a restart loses none of it.
 */
public final class TotalsProcessor implements Processor<String, Contribution, String, IndicatorTotal> {

    static final String DAY_MARK = "day";
    static final String TRAILING_MARK = "trailing|";
    static final String STOCK_MARK = "stock|";

    private final RegionTable regions;
    private final Clock clock;
    private final Duration refreshInterval;
    private final PipelineMetrics metrics;
    private final String totalsStoreName;
    private final String trailingStoreName;
    private final String refreshStoreName;
    private final String publishDueStoreName;
    /** Buckets changed since the last publication, with the record timestamp of their last change. */
    private final Map<String, Long> changed = new LinkedHashMap<>();
    /** Parsed periods and region levels of published keys: the same few thousand recur at every flush. */
    private final Map<String, Period> periods = new HashMap<>();
    private final Map<String, String> levels = new HashMap<>();

    private ProcessorContext<String, IndicatorTotal> context;
    private KeyValueStore<String, Long> totals;
    private KeyValueStore<String, Long> trailing;
    private KeyValueStore<String, Long> refresh;
    private BeforeCommit beforeCommit;
    private TotalsReader reader;

    public TotalsProcessor(RegionTable regions, Clock clock, Duration refreshInterval, PipelineMetrics metrics,
                           String totalsStoreName, String trailingStoreName, String refreshStoreName, String publishDueStoreName) {
        this.regions = regions;
        this.clock = clock;
        this.refreshInterval = refreshInterval;
        this.metrics = metrics;
        this.totalsStoreName = totalsStoreName;
        this.trailingStoreName = trailingStoreName;
        this.refreshStoreName = refreshStoreName;
        this.publishDueStoreName = publishDueStoreName;
    }

    @Override
    public void init(ProcessorContext<String, IndicatorTotal> context) {
        this.context = context;
        this.totals = context.getStateStore(totalsStoreName);
        this.trailing = context.getStateStore(trailingStoreName);
        this.refresh = context.getStateStore(refreshStoreName);
        this.reader = new TotalsReader(totals);
        this.beforeCommit = BeforeCommit.attach(context, context.getStateStore(publishDueStoreName), this::publishChanged);
        context.schedule(refreshInterval, PunctuationType.WALL_CLOCK_TIME, now -> refresh());
    }

    @Override
    public void process(Record<String, Contribution> record) {
        Contribution c = record.value();
        String region = c.regionCode();
        IndicatorName indicator = c.indicator();
        List<Period> buckets = Period.bucketsOf(c.day());
        String[] keys = new String[buckets.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = TotalsKey.of(region, indicator, buckets.get(i));
            totals.put(keys[i], reader.get(keys[i]) + c.delta());
        }
        long timestamp = record.timestamp();
        for (String key : keys) changed.put(key, timestamp);
        if (indicator.kind() == IndicatorKind.COUNT) {
            moveTrailing(region, indicator, c.day(), c.delta(), timestamp);
        } else {
            String mark = STOCK_MARK + region + "|" + indicator.text();
            Long from = refresh.get(mark);
            if (from == null || c.day().toEpochDay() < from) refresh.put(mark, c.day().toEpochDay());
            // the trailing windows of a stock are the stock now
            for (int days : Period.PUBLISHED_TRAILING_DAYS) changed.put(TotalsKey.of(region, indicator, Period.trailing(days)), timestamp);
        }
        beforeCommit.arm(); // last: should the cache flush right here, it publishes this contribution too
    }

    /** Publishes every bucket changed since the last time. */
    private void publishChanged() {
        List<Map.Entry<String, Long>> due = new ArrayList<>(changed.entrySet());
        changed.clear();
        LocalDate today = today();
        // a rate whose numerator and denominator both changed is published once, after both
        Map<String, Long> ratesDue = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : due) {
            String[] parts = TotalsKey.split(e.getKey());
            IndicatorName indicator = IndicatorName.parse(parts[1]);
            Period period = period(parts[2]);
            long timestamp = e.getValue();
            publish(e.getKey(), figure(parts[0], indicator, period, today), timestamp);
            for (IndicatorName rate : indicator.ratesUsing()) {
                ratesDue.merge(TotalsKey.of(parts[0], rate, parts[2]), timestamp, Math::max);
            }
            metrics.latency(Duration.ofMillis(clock.millis() - timestamp));
        }
        ratesDue.forEach((key, timestamp) -> {
            String[] parts = TotalsKey.split(key);
            IndicatorName rate = IndicatorName.parse(parts[1]);
            Period period = period(parts[2]);
            publish(key, figure(parts[0], rate, period, today), timestamp);
        });
    }

    private Period period(String text) {
        if (periods.size() > 100_000) periods.clear();
        return periods.computeIfAbsent(text, Period::parse);
    }

    /**
     * Moves the published trailing windows that contain {@code day} by {@code delta}. The windows end on the day of
     * the last slide ({@code DAY_MARK}), not on the clock's today, so that between midnight and the next refresh they
     * stay the sums they claim to be; a count dated after that day waits for the slide.
     */
    private void moveTrailing(String region, IndicatorName indicator, LocalDate day, int delta, long timestamp) {
        Long mark = refresh.get(DAY_MARK);
        LocalDate windowEnd = mark == null ? today() : LocalDate.ofEpochDay(mark);
        if (mark == null) refresh.put(DAY_MARK, windowEnd.toEpochDay());
        if (day.isAfter(windowEnd)) {
            String pending = TRAILING_MARK + region + "|" + indicator.text();
            if (refresh.get(pending) == null) refresh.put(pending, 1L);
            return;
        }
        for (int days : Period.PUBLISHED_TRAILING_DAYS) {
            if (day.isBefore(windowEnd.minusDays(days - 1L))) continue;
            String key = TotalsKey.of(region, indicator, Period.trailing(days));
            Long value = trailing.get(key);
            trailing.put(key, (value == null ? 0 : value) + delta);
            changed.put(key, timestamp);
        }
    }

    /** The figure to publish: trailing windows from their maintained sums, everything else from the buckets. */
    private Figure figure(String region, IndicatorName indicator, Period period, LocalDate today) {
        if (period.kind() != PeriodKind.TRAILING) return reader.figure(region, indicator, period, today);
        return switch (indicator.kind()) {
            case COUNT -> Figure.count(trailingSum(region, List.of(indicator), period));
            case STOCK -> Figure.count(reader.get(TotalsKey.of(region, indicator, Period.ALL)));
            case RATE -> Figure.rate(trailingSum(region, indicator.numerator(), period), trailingSum(region, indicator.denominator(), period));
        };
    }

    private long trailingSum(String region, List<IndicatorName> counts, Period window) {
        long sum = 0;
        for (IndicatorName count : counts) {
            Long v = trailing.get(TotalsKey.of(region, count, window));
            if (v != null) sum += v;
        }
        return sum;
    }

    /** Slides the trailing windows when the day has turned, and re-publishes stocks changed in the past. */
    void refresh() {
        LocalDate today = today();
        Long lastDay = refresh.get(DAY_MARK);
        boolean slid = lastDay != null && lastDay != today.toEpochDay();

        List<String> owed = new ArrayList<>();
        Set<String> slide = new LinkedHashSet<>();
        Map<String, LocalDate> stockDue = new LinkedHashMap<>();
        try (KeyValueIterator<String, Long> it = refresh.all()) {
            while (it.hasNext()) {
                KeyValue<String, Long> kv = it.next();
                if (kv.key.startsWith(TRAILING_MARK) && slid) {
                    slide.add(kv.key.substring(TRAILING_MARK.length()));
                    owed.add(kv.key);
                } else if (kv.key.startsWith(STOCK_MARK)) {
                    stockDue.put(kv.key.substring(STOCK_MARK.length()), LocalDate.ofEpochDay(kv.value));
                    owed.add(kv.key);
                }
            }
        }
        long now = clock.millis();
        stockDue.forEach((regionAndIndicator, from) -> {
            int bar = regionAndIndicator.indexOf('|');
            republishStock(regionAndIndicator.substring(0, bar), IndicatorName.parse(regionAndIndicator.substring(bar + 1)), from, now);
        });
        if (slid) {
            // once a day: every window that holds something is summed again over its new days
            try (KeyValueIterator<String, Long> it = trailing.all()) {
                while (it.hasNext()) {
                    String[] parts = TotalsKey.split(it.next().key);
                    slide.add(parts[0] + "|" + parts[1]);
                }
            }
            for (String regionAndIndicator : slide) {
                int bar = regionAndIndicator.indexOf('|');
                String region = regionAndIndicator.substring(0, bar);
                IndicatorName indicator = IndicatorName.parse(regionAndIndicator.substring(bar + 1));
                long[] values = reader.trailing(region, indicator, today, Period.PUBLISHED_TRAILING_DAYS);
                for (int w = 0; w < values.length; w++) {
                    String key = TotalsKey.of(region, indicator, Period.trailing(Period.PUBLISHED_TRAILING_DAYS.get(w)));
                    Long before = trailing.get(key);
                    if (before != null && before == values[w]) continue;
                    if (values[w] == 0) trailing.delete(key);
                    else trailing.put(key, values[w]);
                    changed.put(key, now);
                }
            }
            refresh.put(DAY_MARK, today.toEpochDay());
            beforeCommit.arm();
        }
        owed.forEach(refresh::delete);
    }

    /** The stock at the end of every stored bucket that ends on or after {@code from}, by a running sum of its changes. */
    private void republishStock(String region, IndicatorName indicator, LocalDate from, long timestamp) {
        for (PeriodKind kind : List.of(PeriodKind.DAY, PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.YEAR)) {
            long running = 0;
            List<KeyValue<String, Long>> buckets = new ArrayList<>();
            try (KeyValueIterator<String, Long> it = totals.range(TotalsKey.firstOfKind(region, indicator, kind),
                    TotalsKey.lastOfKind(region, indicator, kind))) {
                it.forEachRemaining(buckets::add);
            }
            for (KeyValue<String, Long> kv : buckets) {
                running += kv.value == null ? 0 : kv.value;
                Period bucket = Period.parse(TotalsKey.split(kv.key)[2]);
                if (!bucket.end().isBefore(from)) publish(kv.key, Figure.count(running), timestamp);
            }
        }
    }

    /** Publishes the figure of {@code key} ({@code region|indicator|period}), as the callers already hold it. */
    private void publish(String key, Figure figure, long timestamp) {
        String[] parts = TotalsKey.split(key);
        IndicatorTotal total = IndicatorTotal.newBuilder()
                .setRegionCode(parts[0])
                .setRegionLevel(levelOf(parts[0]))
                .setIndicator(parts[1])
                .setPeriod(parts[2])
                .setValue(figure.value() == null ? Double.NaN : figure.value())
                .setNumerator(figure.numerator())
                .setDenominator(figure.denominator())
                .setUpdatedAt(clock.instant())
                .build();
        context.forward(new Record<>(key, total, timestamp, new RecordHeaders()));
        metrics.published(1);
    }

    private String levelOf(String region) {
        return levels.computeIfAbsent(region, code -> regions.find(code).map(r -> r.level().label()).orElseGet(() -> RegionLevel.implied(code).label()));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), EventJson.CHINA);
    }
}
