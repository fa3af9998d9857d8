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
 * delta in the totals store, and the bucket is noted as changed. Before each commit ({@link BeforeCommit}) every
 * bucket that changed since the last one is published once, with the rates that depend on it, however many
 * contributions moved it in between; so the totals topic is written in the same transaction as the state it reflects. A wall-clock punctuator (every
 * {@code refreshInterval}) then publishes what depends on "now" or on later buckets:
 * <ul>
 *   <li>trailing 7/30/365-day windows of indicators changed since the last refresh, and of all indicators when the
 *       Asia/Shanghai day has turned (the windows slid); only values that differ from the last published ones;</li>
 *   <li>the stock {@code certificates.active} for every bucket after a change dated in the past (a stock at the end of a
 *       later period changes too).</li>
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
    private final int longestTrailing = Period.PUBLISHED_TRAILING_DAYS.stream().mapToInt(Integer::intValue).max().orElseThrow();

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
        for (String key : keys) changed.put(key, record.timestamp());
        if (indicator.kind() == IndicatorKind.COUNT) {
            if (!c.day().isBefore(today().minusDays(longestTrailing - 1L))) markTrailing(region, indicator);
        } else {
            String mark = STOCK_MARK + region + "|" + indicator.text();
            Long from = refresh.get(mark);
            if (from == null || c.day().toEpochDay() < from) refresh.put(mark, c.day().toEpochDay());
            markTrailing(region, indicator);
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
            publish(parts[0], indicator, period, reader.figure(parts[0], indicator, period, today), timestamp);
            for (IndicatorName rate : indicator.ratesUsing()) {
                ratesDue.merge(TotalsKey.of(parts[0], rate, parts[2]), timestamp, Math::max);
            }
            metrics.latency(Duration.ofMillis(clock.millis() - timestamp));
        }
        ratesDue.forEach((key, timestamp) -> {
            String[] parts = TotalsKey.split(key);
            IndicatorName rate = IndicatorName.parse(parts[1]);
            Period period = period(parts[2]);
            publish(parts[0], rate, period, reader.figure(parts[0], rate, period, today), timestamp);
        });
    }

    private Period period(String text) {
        if (periods.size() > 100_000) periods.clear();
        return periods.computeIfAbsent(text, Period::parse);
    }

    private void markTrailing(String region, IndicatorName indicator) {
        String mark = TRAILING_MARK + region + "|" + indicator.text();
        if (refresh.get(mark) == null) refresh.put(mark, 1L);
    }

    /** Publishes what depends on "now" or on later buckets; see the class comment. */
    void refresh() {
        LocalDate today = today();
        Long lastDay = refresh.get(DAY_MARK);
        boolean slid = lastDay == null || lastDay != today.toEpochDay();

        List<String> owed = new ArrayList<>();
        Set<String> trailingDue = new LinkedHashSet<>();
        Map<String, LocalDate> stockDue = new LinkedHashMap<>();
        try (KeyValueIterator<String, Long> it = refresh.all()) {
            while (it.hasNext()) {
                KeyValue<String, Long> kv = it.next();
                if (kv.key.startsWith(TRAILING_MARK)) {
                    trailingDue.add(kv.key.substring(TRAILING_MARK.length()));
                    owed.add(kv.key);
                } else if (kv.key.startsWith(STOCK_MARK)) {
                    stockDue.put(kv.key.substring(STOCK_MARK.length()), LocalDate.ofEpochDay(kv.value));
                    owed.add(kv.key);
                }
            }
        }
        if (slid) {
            try (KeyValueIterator<String, Long> it = trailing.all()) {
                while (it.hasNext()) {
                    String[] parts = TotalsKey.split(it.next().key);
                    trailingDue.add(parts[0] + "|" + parts[1]);
                }
            }
        }
        long now = clock.millis();
        stockDue.forEach((regionAndIndicator, from) -> {
            int bar = regionAndIndicator.indexOf('|');
            republishStock(regionAndIndicator.substring(0, bar), IndicatorName.parse(regionAndIndicator.substring(bar + 1)), from, now);
        });

        Set<String> ratesDue = new LinkedHashSet<>();
        for (String regionAndIndicator : trailingDue) {
            int bar = regionAndIndicator.indexOf('|');
            String region = regionAndIndicator.substring(0, bar);
            IndicatorName indicator = IndicatorName.parse(regionAndIndicator.substring(bar + 1));
            long[] values = reader.trailing(region, indicator, today, Period.PUBLISHED_TRAILING_DAYS);
            for (int w = 0; w < values.length; w++) {
                int days = Period.PUBLISHED_TRAILING_DAYS.get(w);
                Period window = Period.trailing(days);
                long value = values[w];
                String key = TotalsKey.of(region, indicator, window);
                Long published = trailing.get(key);
                if (published == null || published != value) {
                    trailing.put(key, value);
                    publish(region, indicator, window, Figure.count(value), now);
                    for (IndicatorName rate : indicator.ratesUsing()) ratesDue.add(region + "|" + rate.text() + "|" + days);
                }
            }
        }
        for (String due : ratesDue) {
            String[] parts = due.split("\\|");
            IndicatorName rate = IndicatorName.parse(parts[1]);
            Period window = Period.trailing(Integer.parseInt(parts[2]));
            publish(parts[0], rate, window, reader.figure(parts[0], rate, window, today), now);
        }
        owed.forEach(refresh::delete);
        refresh.put(DAY_MARK, today.toEpochDay());
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
                if (!bucket.end().isBefore(from)) publish(region, indicator, bucket, Figure.count(running), timestamp);
            }
        }
    }

    private void publish(String region, IndicatorName indicator, Period period, Figure figure, long timestamp) {
        IndicatorTotal total = IndicatorTotal.newBuilder()
                .setRegionCode(region)
                .setRegionLevel(levelOf(region))
                .setIndicator(indicator.text())
                .setPeriod(period.text())
                .setValue(figure.value() == null ? Double.NaN : figure.value())
                .setNumerator(figure.numerator())
                .setDenominator(figure.denominator())
                .setUpdatedAt(clock.instant())
                .build();
        context.forward(new Record<>(TotalsKey.of(region, indicator, period), total, timestamp, new RecordHeaders()));
        metrics.published(1);
    }

    private String levelOf(String region) {
        return levels.computeIfAbsent(region, code -> regions.find(code).map(r -> r.level().label()).orElseGet(() -> RegionLevel.implied(code).label()));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), EventJson.CHINA);
    }
}
