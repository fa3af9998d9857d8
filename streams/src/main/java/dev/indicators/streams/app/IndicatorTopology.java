package dev.indicators.streams.app;

import dev.indicators.contract.EventType;
import dev.indicators.contract.Topics;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.contract.validation.EventLimits;
import dev.indicators.contract.validation.EventRules;
import dev.indicators.streams.aggregate.TotalsDirectory;
import dev.indicators.streams.aggregate.TotalsProcessor;
import dev.indicators.contract.cases.CaseCounting;
import dev.indicators.streams.cases.CaseStateSerde;
import dev.indicators.streams.change.CountChanges;
import dev.indicators.streams.change.CountChangesSerde;
import dev.indicators.streams.codec.EventCodec;
import dev.indicators.streams.intake.CaseEventProcessor;
import dev.indicators.streams.intake.CaseOutput;
import dev.indicators.streams.metrics.PipelineMetrics;
import dev.indicators.streams.region.RegionIndex;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The topology, two stages (local, then global aggregation):
 * <pre>
 *  indicators.&lt;type&gt;.v1 (bytes, keyed by case)
 *     └─ &lt;type&gt;-cases: read, validate, key check, case state (&lt;type&gt;-cases: de-duplication and counting facts),
 *                        the case's own count changes summed per task until the commit
 *          ├─ split: dead letters ─────────────────────────────────────────▶ indicators.deadletter.v1
 *          └─ split: one batch per province (and one for the nation) per commit ─▶ repartition "changes"
 *                 └─ totals: day/month/all cells in memory, rolled up to city and province (indicator-totals
 *                    holds each region's own cells per month), published once per cycle ─▶ indicators.totals.v1
 * </pre>
 */
public final class IndicatorTopology {

    /** The name of the repartition topic of count changes: {@code <application.id>-changes-repartition}. */
    public static final String CHANGES = "changes";

    private final Topics topics;
    private final RegionTable regions;
    private final RegionIndex regionIndex;
    private final TotalsDirectory directory = new TotalsDirectory();
    private final EventCodec codec;
    private final EventLimits limits;
    private final Clock clock;
    private final Duration refreshInterval;
    private final StoreKind storeKind;
    private final PipelineMetrics metrics;
    private final Duration publicationCycle;
    private final Duration publicationCycleMax;

    /** Publishing at every commit (a publication cycle of 0), as the specifications' driver wants it. */
    public IndicatorTopology(Topics topics, RegionTable regions, EventCodec codec, EventLimits limits, Clock clock,
                             Duration dedupeHorizon, Duration refreshInterval, StoreKind storeKind, PipelineMetrics metrics) {
        this(topics, regions, codec, limits, clock, dedupeHorizon, refreshInterval, storeKind, metrics, Duration.ZERO, Duration.ZERO);
    }

    /**
     * @param dedupeHorizon no longer used: the case state keeps every eventId of its case for all time (kept for
     *                      callers of the earlier signature; must still be positive)
     */
    public IndicatorTopology(Topics topics, RegionTable regions, EventCodec codec, EventLimits limits, Clock clock,
                             Duration dedupeHorizon, Duration refreshInterval, StoreKind storeKind, PipelineMetrics metrics,
                             Duration publicationCycle, Duration publicationCycleMax) {
        this.publicationCycle = Objects.requireNonNull(publicationCycle);
        this.publicationCycleMax = Objects.requireNonNull(publicationCycleMax);
        this.topics = Objects.requireNonNull(topics);
        this.regions = Objects.requireNonNull(regions);
        this.regionIndex = new RegionIndex(regions);
        this.codec = Objects.requireNonNull(codec);
        this.limits = Objects.requireNonNull(limits);
        this.clock = Objects.requireNonNull(clock);
        this.refreshInterval = Objects.requireNonNull(refreshInterval);
        this.storeKind = Objects.requireNonNull(storeKind);
        this.metrics = Objects.requireNonNull(metrics);
        if (dedupeHorizon.isNegative() || dedupeHorizon.isZero()) throw new IllegalArgumentException("de-duplication horizon must be positive");
        if (refreshInterval.isNegative() || refreshInterval.isZero()) throw new IllegalArgumentException("refresh interval must be positive");
    }

    /** Where the query API finds the totals of the topology's running tasks. */
    public TotalsDirectory directory() {
        return directory;
    }

    public RegionIndex regionIndex() {
        return regionIndex;
    }

    public Topology build() {
        StreamsBuilder builder = new StreamsBuilder();
        EventRules rules = new EventRules(regions, limits, clock);

        KStream<String, CountChanges> changes = null;
        for (EventType type : EventType.values()) {
            String cases = StoreNames.cases(type);
            String due = StoreNames.changesDue(type);
            builder.addStateStore(Stores.keyValueStoreBuilder(keyValueStore(cases), Serdes.String(), new CaseStateSerde()).withCachingEnabled());
            builder.addStateStore(signalStore(due));
            CaseCounting counting = type.descriptor().counting();
            String name = type.jsonName();

            Map<String, KStream<String, CaseOutput>> branches = builder
                    .stream(topics.inputFor(type), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                            .withTimestampExtractor(new ArrivalTimestamp()).withName(name + "-events"))
                    .process(() -> new CaseEventProcessor(type, codec, rules, counting, regionIndex, metrics, cases, due),
                            Named.as(name + "-cases"), cases, due)
                    .split(Named.as(name + "-"))
                    .branch((k, v) -> v.isDeadLetter(), Branched.as("dead-letters"))
                    .defaultBranch(Branched.as("changes"));

            branches.get(name + "-dead-letters")
                    .map((k, v) -> KeyValue.pair(v.deadLetter().key(), v.deadLetter().value()), Named.as(name + "-dead-letter-bytes"))
                    .to(topics.deadLetter(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(name + "-dead-letter-topic"));
            KStream<String, CountChanges> ofType = branches.get(name + "-changes")
                    .mapValues(CaseOutput::changes, Named.as(name + "-change-batches"));
            changes = changes == null ? ofType : changes.merge(ofType, Named.as(name + "-merge"));
        }

        // the totals stage's stored truth: written once per cycle, read only at start-up, so neither cached nor in a
        // record cache; its changelog is what a restart restores
        builder.addStateStore(Stores.keyValueStoreBuilder(keyValueStore(StoreNames.TOTALS), Serdes.String(), Serdes.ByteArray()));
        builder.addStateStore(signalStore(StoreNames.PUBLISH_DUE));
        Objects.requireNonNull(changes)
                .repartition(Repartitioned.with(Serdes.String(), new CountChangesSerde()).withName(CHANGES))
                .process(() -> new TotalsProcessor(regionIndex, clock, refreshInterval, publicationCycle, publicationCycleMax, metrics, directory,
                                StoreNames.TOTALS, StoreNames.PUBLISH_DUE),
                        Named.as("totals"), StoreNames.TOTALS, StoreNames.PUBLISH_DUE)
                .to(topics.totals(), Produced.with(Serdes.String(), codec.totalSerde()).withName("totals-topic"));
        return builder.build();
    }

    /** A one-entry store whose cache flush (before each commit) runs a stage's before-commit action. */
    private static StoreBuilder<?> signalStore(String name) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), Serdes.Long())
                .withCachingEnabled().withLoggingDisabled();
    }

    private KeyValueBytesStoreSupplier keyValueStore(String name) {
        return storeKind == StoreKind.PERSISTENT ? Stores.persistentKeyValueStore(name) : Stores.inMemoryKeyValueStore(name);
    }
}
