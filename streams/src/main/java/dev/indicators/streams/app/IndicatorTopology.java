package dev.indicators.streams.app;

import dev.indicators.contract.EventType;
import dev.indicators.contract.Topics;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.contract.validation.EventLimits;
import dev.indicators.contract.validation.EventRules;
import dev.indicators.streams.cases.CaseCounting;
import dev.indicators.streams.cases.CaseEventProcessor;
import dev.indicators.streams.cases.CaseHistorySerde;
import dev.indicators.streams.cases.Routed;
import dev.indicators.streams.certificate.CertificateCounting;
import dev.indicators.streams.codec.EventCodec;
import dev.indicators.streams.deadletter.DeadLetter;
import dev.indicators.streams.mediation.MediationCounting;
import dev.indicators.streams.metrics.PipelineMetrics;
import dev.indicators.streams.reconsideration.ReconsiderationCounting;
import dev.indicators.streams.region.RollUp;
import dev.indicators.streams.totals.Contribution;
import dev.indicators.streams.totals.ContributionSerde;
import dev.indicators.streams.totals.TotalsProcessor;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowBytesStoreSupplier;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The topology:
 * <pre>
 *  indicators.&lt;type&gt;.v1 (bytes, keyed by case)
 *     └─ &lt;type&gt;-cases: read, validate, key check, de-duplicate (&lt;type&gt;-event-ids), case state (&lt;type&gt;-cases),
 *                        case count changes rolled up to every ancestor region
 *          ├─ dead letters ──────────────────────────────────────────────▶ indicators.deadletter.v1
 *          └─ contributions ─▶ repartition by region|family ("contributions")
 *                               └─ totals: buckets, rates, trailing windows ─▶ indicators.totals.v1 (Avro)
 * </pre>
 */
public final class IndicatorTopology {

    /** The name of the repartition topic of contributions: {@code <application.id>-contributions-repartition}. */
    public static final String CONTRIBUTIONS = "contributions";

    private final Topics topics;
    private final RegionTable regions;
    private final EventCodec codec;
    private final EventLimits limits;
    private final Clock clock;
    private final Duration dedupeHorizon;
    private final Duration refreshInterval;
    private final StoreKind storeKind;
    private final PipelineMetrics metrics;

    public IndicatorTopology(Topics topics, RegionTable regions, EventCodec codec, EventLimits limits, Clock clock,
                             Duration dedupeHorizon, Duration refreshInterval, StoreKind storeKind, PipelineMetrics metrics) {
        this.topics = Objects.requireNonNull(topics);
        this.regions = Objects.requireNonNull(regions);
        this.codec = Objects.requireNonNull(codec);
        this.limits = Objects.requireNonNull(limits);
        this.clock = Objects.requireNonNull(clock);
        this.dedupeHorizon = Objects.requireNonNull(dedupeHorizon);
        this.refreshInterval = Objects.requireNonNull(refreshInterval);
        this.storeKind = Objects.requireNonNull(storeKind);
        this.metrics = Objects.requireNonNull(metrics);
        if (dedupeHorizon.isNegative() || dedupeHorizon.isZero()) throw new IllegalArgumentException("de-duplication horizon must be positive");
        if (refreshInterval.isNegative() || refreshInterval.isZero()) throw new IllegalArgumentException("refresh interval must be positive");
    }

    public Topology build() {
        StreamsBuilder builder = new StreamsBuilder();
        EventRules rules = new EventRules(regions, limits, clock);
        RollUp rollUp = new RollUp(regions);

        KStream<String, Contribution> contributions = null;
        for (EventType type : EventType.values()) {
            String ledger = StoreNames.eventIds(type);
            String cases = StoreNames.cases(type);
            builder.addStateStore(Stores.windowStoreBuilder(windowStore(ledger), Serdes.String(), Serdes.ByteArray()));
            builder.addStateStore(Stores.keyValueStoreBuilder(keyValueStore(cases), Serdes.String(), new CaseHistorySerde(type)).withCachingEnabled());
            CaseCounting counting = counting(type);

            KStream<String, Routed> routed = builder
                    .stream(topics.inputFor(type), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                            .withTimestampExtractor(new ArrivalTimestamp()).withName(type.jsonName() + "-events"))
                    .process(() -> new CaseEventProcessor(type, codec, rules, counting, rollUp, metrics, ledger, cases),
                            Named.as(type.jsonName() + "-cases"), ledger, cases);

            routed.filter((k, v) -> v instanceof DeadLetter, Named.as(type.jsonName() + "-dead-letters"))
                    .map((k, v) -> KeyValue.pair(((DeadLetter) v).key(), ((DeadLetter) v).value()), Named.as(type.jsonName() + "-dead-letter-bytes"))
                    .to(topics.deadLetter(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(type.jsonName() + "-dead-letter-topic"));

            KStream<String, Contribution> ofType = routed
                    .filter((k, v) -> v instanceof Contribution, Named.as(type.jsonName() + "-contributions"))
                    .mapValues(v -> (Contribution) v, Named.as(type.jsonName() + "-contribution-values"));
            contributions = contributions == null ? ofType : contributions.merge(ofType, Named.as(type.jsonName() + "-merge"));
        }

        builder.addStateStore(longStore(StoreNames.TOTALS, true));
        builder.addStateStore(longStore(StoreNames.TRAILING, true));
        builder.addStateStore(longStore(StoreNames.REFRESH, true));
        // its cache flush, before each commit, publishes the changed totals: see TotalsProcessor
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.PUBLISH_DUE), Serdes.String(), Serdes.Long())
                .withCachingEnabled().withLoggingDisabled());
        Objects.requireNonNull(contributions)
                .repartition(Repartitioned.with(Serdes.String(), new ContributionSerde()).withName(CONTRIBUTIONS))
                .process(() -> new TotalsProcessor(regions, clock, refreshInterval, metrics,
                                StoreNames.TOTALS, StoreNames.TRAILING, StoreNames.REFRESH, StoreNames.PUBLISH_DUE),
                        Named.as("totals"), StoreNames.TOTALS, StoreNames.TRAILING, StoreNames.REFRESH, StoreNames.PUBLISH_DUE)
                .to(topics.totals(), Produced.with(Serdes.String(), codec.totalSerde()).withName("totals-topic"));
        return builder.build();
    }

    private static CaseCounting counting(EventType type) {
        return switch (type) {
            case RECONSIDERATION -> new ReconsiderationCounting();
            case MEDIATION -> new MediationCounting();
            case CERTIFICATE -> new CertificateCounting();
        };
    }

    private StoreBuilder<?> longStore(String name, boolean cached) {
        StoreBuilder<?> b = Stores.keyValueStoreBuilder(keyValueStore(name), Serdes.String(), Serdes.Long());
        return cached ? b.withCachingEnabled() : b;
    }

    private KeyValueBytesStoreSupplier keyValueStore(String name) {
        return storeKind == StoreKind.PERSISTENT ? Stores.persistentKeyValueStore(name) : Stores.inMemoryKeyValueStore(name);
    }

    private WindowBytesStoreSupplier windowStore(String name) {
        Duration windowSize = Duration.ofMillis(1);
        return storeKind == StoreKind.PERSISTENT
                ? Stores.persistentWindowStore(name, dedupeHorizon, windowSize, false)
                : Stores.inMemoryWindowStore(name, dedupeHorizon, windowSize, false);
    }
}
