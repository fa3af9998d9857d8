package dev.indicators.streams.aggregate;

import com.carrotsearch.hppc.LongHashSet;
import com.carrotsearch.hppc.LongLongHashMap;
import com.carrotsearch.hppc.cursors.LongCursor;
import com.carrotsearch.hppc.cursors.LongLongCursor;
import dev.indicators.contract.avro.IndicatorTotal;
import dev.indicators.contract.validation.EventJson;
import dev.indicators.streams.change.CountChanges;
import dev.indicators.streams.commit.BeforeCommit;
import dev.indicators.streams.metrics.PipelineMetrics;
import dev.indicators.streams.region.RegionIndex;
import dev.indicators.streams.totals.Figure;
import dev.indicators.contract.indicator.IndicatorKind;
import dev.indicators.contract.indicator.IndicatorName;
import dev.indicators.streams.totals.Period;
import dev.indicators.streams.totals.PeriodKind;
import dev.indicators.streams.totals.TotalsKey;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * The totals stage: applies batches of count changes ({@link CountChanges}) to the task's {@link RegionTotals} in
 * memory and, once per publication cycle (before each commit of the task, {@link BeforeCommit}), writes the blocks
 * that changed to the changelogged store and publishes every total that changed, once, as an {@link IndicatorTotal}
 * keyed {@code regionCode|indicator|period}, stamped with the earliest input record time it reflects. Both happen in
 * the commit's transaction: nothing is published that is not committed, and no committed change goes unpublished.
 *
 * <p>Published periods: month, quarter, year, all time and trailing 7/30/365 days, for every region level, and the
 * rates of the same periods whenever one of their counts changed. Day totals are answered by the query API only.
 * A change of the stock {@code certificates.active} also publishes the stock at the end of every later month (and
 * its quarter and year) that holds a change. Trailing windows end today (Asia/Shanghai, by the clock): when the day
 * turns, the next cycle or the wall-clock refresh re-publishes every trailing window that holds counts near its ends.
 * The day the windows were last slid is kept in the store, so a restart slides them too.
 */
public final class TotalsProcessor implements Processor<String, CountChanges, String, IndicatorTotal> {

    /** The store key of the day the trailing windows were last published for. Block keys start with a digit. */
    static final String SLIDE_DAY = "~slide-day";
    /** The store key of the number of publication cycles done: blocks written in a later cycle hold unpublished changes. */
    static final String CYCLES = "~cycles";
    private static final IndicatorName[] INDICATORS = IndicatorName.values();
    private static final int PERIOD_MONTH = 1, PERIOD_QUARTER = 2, PERIOD_YEAR = 3, PERIOD_ALL = 4, PERIOD_TRAILING = 5;

    private final RegionIndex regions;
    private final Clock clock;
    private final Duration refreshInterval;
    private final long cycleMillis;
    private final long maxCycleMillis;
    private final PipelineMetrics metrics;
    private final TotalsDirectory directory;
    private final String blockStoreName;
    private final String signalStoreName;

    private ProcessorContext<String, IndicatorTotal> context;
    private KeyValueStore<String, byte[]> blocks;
    private RegionTotals totals;
    private FigureReader reader;
    private BeforeCommit beforeCommit;
    private String task;
    private int slideDay = Integer.MIN_VALUE;
    private int cycles;
    private long lastPublication;
    /** When the last batch of changes arrived (by the clock): a stage without new changes is no longer behind. */
    private long lastChangeMillis;
    /** The earliest input time among the changes not yet published. */
    private long unpublishedSince = Long.MAX_VALUE;
    /** (origin, month) blocks with changes not yet published → the earliest input time among them. */
    private final LongLongHashMap unpublishedBlocks = new LongLongHashMap();
    /** (origin, month) blocks changed since the last cycle. */
    private final LongHashSet dirtyBlocks = new LongHashSet();
    /** (region, indicator, month) changed since the last cycle → the earliest input time among the changes. */
    private final LongLongHashMap changed = new LongLongHashMap();
    /** Trailing windows due because the day turned: (region, indicator) → the time of the slide. */
    private final LongLongHashMap slid = new LongLongHashMap();

    /**
     * @param publicationCycle    how often changed totals are published (0: at every commit)
     * @param publicationCycleMax the longest cycle, reached while the oldest unpublished change is four times as old
     */
    public TotalsProcessor(RegionIndex regions, Clock clock, Duration refreshInterval, Duration publicationCycle, Duration publicationCycleMax,
                           PipelineMetrics metrics, TotalsDirectory directory, String blockStoreName, String signalStoreName) {
        this.regions = regions;
        this.clock = clock;
        this.refreshInterval = refreshInterval;
        this.cycleMillis = publicationCycle.toMillis();
        this.maxCycleMillis = Math.max(cycleMillis, publicationCycleMax.toMillis());
        this.metrics = metrics;
        this.directory = directory;
        this.blockStoreName = blockStoreName;
        this.signalStoreName = signalStoreName;
    }

    @Override
    public void init(ProcessorContext<String, IndicatorTotal> context) {
        this.context = context;
        this.blocks = context.getStateStore(blockStoreName);
        this.totals = new RegionTotals(regions);
        this.reader = new FigureReader(totals);
        this.task = context.taskId().toString();
        dirtyBlocks.clear();
        changed.clear();
        slid.clear();
        unpublishedBlocks.clear();
        unpublishedSince = Long.MAX_VALUE;
        cycles = 0;
        List<RegionTotals.StoredBlock> stored = new java.util.ArrayList<>();
        synchronized (totals) {
            try (KeyValueIterator<String, byte[]> it = blocks.all()) {
                while (it.hasNext()) {
                    KeyValue<String, byte[]> kv = it.next();
                    if (kv.value == null) continue;
                    if (SLIDE_DAY.equals(kv.key)) slideDay = ByteBuffer.wrap(kv.value).getInt();
                    else if (CYCLES.equals(kv.key)) cycles = ByteBuffer.wrap(kv.value).getInt();
                    else stored.add(totals.load(kv.key, kv.value));
                }
            }
        }
        // changes committed but not yet published when the app stopped: publish them in the first cycle
        for (RegionTotals.StoredBlock b : stored) {
            if (b.cycle() < cycles || b.unpublishedSince() == RegionTotals.PUBLISHED) continue;
            unpublished(b.origin(), b.month(), b.unpublishedSince());
            for (int indicator = 0; indicator < INDICATORS.length; indicator++) {
                if ((b.indicators() & (1L << indicator)) == 0) continue;
                for (int r : totals.levels(b.origin())) changed(RegionTotals.key(r, indicator, b.month()), b.unpublishedSince());
            }
        }
        lastPublication = clock.millis();
        directory.register(task, totals);
        this.beforeCommit = BeforeCommit.attach(context, context.getStateStore(signalStoreName), () -> cycle(false));
        context.schedule(refreshInterval, PunctuationType.WALL_CLOCK_TIME, now -> {
            if (slideIfDayTurned()) cycle(true);
        });
        if (cycleMillis > 0) {
            // a cycle skipped at a commit (not due yet) runs at a later commit: make sure there is one to flush
            context.schedule(Duration.ofMillis(Math.min(cycleMillis, refreshInterval.toMillis())), PunctuationType.WALL_CLOCK_TIME, now -> {
                if (!changed.isEmpty() || !slid.isEmpty()) beforeCommit.arm();
            });
        }
        if (!changed.isEmpty()) beforeCommit.arm();
    }

    private void unpublished(int origin, int month, long timestamp) {
        long k = RegionTotals.key(origin, 0, month);
        long before = unpublishedBlocks.getOrDefault(k, Long.MAX_VALUE);
        if (timestamp < before) unpublishedBlocks.put(k, timestamp);
        unpublishedSince = Math.min(unpublishedSince, timestamp);
    }

    private void changed(long key, long timestamp) {
        long before = changed.getOrDefault(key, Long.MAX_VALUE);
        if (timestamp < before) changed.put(key, timestamp);
    }

    @Override
    public void process(Record<String, CountChanges> record) {
        CountChanges c = record.value();
        long timestamp = record.timestamp();
        synchronized (totals) {
            for (int i = 0; i < c.size(); i++) {
                int origin = regions.indexOf(c.regionCode(i));
                int indicator = c.indicator(i).ordinal();
                int day = c.epochDay(i);
                totals.apply(origin, indicator, day, c.delta(i));
                int month = Months.ofEpochDay(day);
                dirtyBlocks.add(RegionTotals.key(origin, 0, month));
                unpublished(origin, month, timestamp);
                for (int r : totals.levels(origin)) changed(RegionTotals.key(r, indicator, month), timestamp);
            }
        }
        lastChangeMillis = clock.millis();
        beforeCommit.arm(); // last: should the cache flush right here, it publishes this batch too
    }

    @Override
    public void close() {
        directory.unregister(task, totals);
    }

    /**
     * At each commit: stores the changed blocks (with the cycle they were written in and, for unpublished changes,
     * their earliest input time); then, when the publication is due, slides the windows if the day turned and
     * publishes what changed. Due: when the cycle has elapsed since the last publication (stretched while the stage is
     * behind, {@link #cycleMillis(long, long, long)}), at every commit while the app stops, or when {@code force}d.
     */
    private void cycle(boolean force) {
        for (LongCursor c : dirtyBlocks) {
            int origin = (int) (c.value >>> 38);
            int month = (int) c.value;
            long since = unpublishedBlocks.getOrDefault(c.value, RegionTotals.PUBLISHED);
            blocks.put(totals.blockKey(origin, month), totals.block(origin, month, cycles, since));
        }
        dirtyBlocks.clear();
        boolean turned = slideIfDayTurned();
        if (!(force || turned || due())) {
            directory.unpublished(task, true);
            return;
        }
        publishChanged();
        cycles++;
        blocks.put(CYCLES, ByteBuffer.allocate(4).putInt(cycles).array());
        blocks.put(SLIDE_DAY, ByteBuffer.allocate(4).putInt(slideDay).array());
        unpublishedBlocks.clear();
        unpublishedSince = Long.MAX_VALUE;
        lastPublication = clock.millis();
        directory.unpublished(task, false);
    }

    private boolean due() {
        if (cycleMillis == 0 || directory.isStopping()) return true;
        if (changed.isEmpty() && slid.isEmpty()) return false;
        long now = clock.millis();
        // once no change has come for a whole cycle the backlog is worked off: publish what is left at the set cycle
        long cycle = now - lastChangeMillis >= cycleMillis ? cycleMillis : cycleMillis(now - unpublishedSince);
        return now - lastPublication >= cycle * 9 / 10; // commits fall a little before or after the cycle's end
    }

    /**
     * The publication cycle for a totals stage whose oldest unpublished change is {@code behindMillis} old: the set
     * cycle while it keeps up; while it is behind (a bulk load, a restart after downtime) and changes keep coming, a
     * quarter of how far behind it is, up to the longest cycle. Each cycle publishes every total it changed once, so a longer cycle under a
     * backlog publishes far fewer records per event (the same county-month totals change many times a second) and
     * leaves the time to counting, while what a dashboard sees is delayed by at most a quarter more than it already is.
     */
    static long cycleMillis(long cycleMillis, long maxCycleMillis, long behindMillis) {
        return Math.max(cycleMillis, Math.min(maxCycleMillis, behindMillis / 4));
    }

    private long cycleMillis(long behindMillis) {
        return cycleMillis(cycleMillis, maxCycleMillis, behindMillis);
    }

    /**
     * When the Asia/Shanghai day has turned since the last slide: notes every trailing window that may have moved. The
     * new day is stored with their publication, so a crash before it slides them again after the restart.
     */
    private boolean slideIfDayTurned() {
        int today = (int) today().toEpochDay();
        if (slideDay == today) return false;
        if (slideDay == Integer.MIN_VALUE) {
            slideDay = today; // nothing was published for another day: nothing to slide (stored with the next publication)
            return false;
        }
        {
            long now = clock.millis();
            int maxDays = Period.PUBLISHED_TRAILING_DAYS.stream().mapToInt(Integer::intValue).max().orElse(0);
            int from = Math.min(slideDay, today) - maxDays;
            int to = Math.max(slideDay, today);
            totals.forEachDayCellBetween(from, to, (region, indicator) -> {
                if (INDICATORS[indicator].kind() == IndicatorKind.COUNT) slid.put(RegionTotals.key(region, indicator, 0), now);
            });
        }
        slideDay = today; // stored with the publication of the windows it slid
        return true;
    }

    private static long periodKey(int region, int indicator, int kind, int value) {
        return ((long) region << 33) | ((long) indicator << 27) | ((long) kind << 24) | (value & 0xFFFFFF);
    }

    private static void due(LongLongHashMap due, long key, long timestamp) {
        long before = due.getOrDefault(key, Long.MAX_VALUE);
        if (timestamp < before) due.put(key, timestamp);
    }

    /** Publishes every total the changes since the last cycle moved, each once, with the rates that use it. */
    private void publishChanged() {
        if (changed.isEmpty() && slid.isEmpty()) return;
        LocalDate today = today();
        int todayEpoch = (int) today.toEpochDay();
        LongLongHashMap due = new LongLongHashMap(changed.size() * 8);
        for (LongLongCursor c : changed) {
            int region = (int) (c.key >>> 38);
            int indicator = (int) ((c.key >>> 32) & 0x3F);
            int month = (int) c.key;
            long ts = c.value;
            if (INDICATORS[indicator].kind() == IndicatorKind.STOCK) {
                int last = totals.lastMonth(region, indicator);
                for (int m = month; m <= last; m++) {
                    if (m != month && !totals.hasMonth(region, indicator, m)) continue;
                    calendar(due, region, indicator, m, ts);
                }
                due(due, periodKey(region, indicator, PERIOD_ALL, 0), ts);
                for (int days : Period.PUBLISHED_TRAILING_DAYS) due(due, periodKey(region, indicator, PERIOD_TRAILING, days), ts);
            } else {
                calendar(due, region, indicator, month, ts);
                due(due, periodKey(region, indicator, PERIOD_ALL, 0), ts);
                int monthFirst = Months.firstEpochDay(month);
                int monthLast = Months.lastEpochDay(month);
                for (int days : Period.PUBLISHED_TRAILING_DAYS) {
                    if (monthLast >= todayEpoch - days + 1 && monthFirst <= todayEpoch) {
                        due(due, periodKey(region, indicator, PERIOD_TRAILING, days), ts);
                    }
                }
            }
        }
        for (LongLongCursor c : slid) {
            int region = (int) (c.key >>> 38);
            int indicator = (int) ((c.key >>> 32) & 0x3F);
            for (int days : Period.PUBLISHED_TRAILING_DAYS) due(due, periodKey(region, indicator, PERIOD_TRAILING, days), c.value);
        }
        changed.clear();
        slid.clear();

        // a rate whose numerator and denominator both changed is published once, after both
        LongLongHashMap rates = new LongLongHashMap();
        long now = clock.millis();
        for (LongLongCursor c : due) {
            int indicator = (int) ((c.key >>> 27) & 0x3F);
            publish(c.key, c.value, today);
            metrics.latency(Duration.ofMillis(now - c.value));
            for (IndicatorName rate : INDICATORS[indicator].ratesUsing()) {
                long rateKey = (c.key & ~(0x3FL << 27)) | ((long) rate.ordinal() << 27);
                due(rates, rateKey, c.value);
            }
        }
        for (LongLongCursor c : rates) publish(c.key, c.value, today);
    }

    private void calendar(LongLongHashMap due, int region, int indicator, int month, long ts) {
        int year = Months.year(month);
        due(due, periodKey(region, indicator, PERIOD_MONTH, month), ts);
        due(due, periodKey(region, indicator, PERIOD_QUARTER, year * 4 + Math.floorMod(month, 12) / 3), ts);
        due(due, periodKey(region, indicator, PERIOD_YEAR, year), ts);
    }

    private void publish(long periodKey, long timestamp, LocalDate today) {
        int region = (int) (periodKey >>> 33);
        IndicatorName indicator = INDICATORS[(int) ((periodKey >>> 27) & 0x3F)];
        int kind = (int) ((periodKey >>> 24) & 0x7);
        int value = (int) (periodKey & 0xFFFFFF);
        Period period = switch (kind) {
            case PERIOD_MONTH -> Period.month(Months.yearMonth(value));
            case PERIOD_QUARTER -> Period.quarterOf(LocalDate.of(value / 4, value % 4 * 3 + 1, 1));
            case PERIOD_YEAR -> Period.year(value);
            case PERIOD_ALL -> Period.ALL;
            case PERIOD_TRAILING -> Period.trailing(value);
            default -> throw new IllegalStateException("unknown period kind " + kind);
        };
        Figure figure = reader.figure(region, indicator, period, today);
        String code = regions.code(region);
        IndicatorTotal total = IndicatorTotal.newBuilder()
                .setRegionCode(code)
                .setRegionLevel(regions.level(region))
                .setIndicator(indicator.text())
                .setPeriod(period.text())
                .setValue(figure.value() == null ? Double.NaN : figure.value())
                .setNumerator(figure.numerator())
                .setDenominator(figure.denominator())
                .setUpdatedAt(clock.instant())
                .build();
        context.forward(new Record<>(TotalsKey.of(code, indicator, period), total, timestamp, new RecordHeaders()));
        metrics.published(1);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), EventJson.CHINA);
    }

    /** The period kinds the totals topic carries. */
    public static final List<PeriodKind> PUBLISHED_KINDS = List.of(PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.YEAR, PeriodKind.ALL, PeriodKind.TRAILING);
}
