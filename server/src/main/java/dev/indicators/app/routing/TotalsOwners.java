package dev.indicators.app.routing;

import dev.indicators.contract.region.RegionTable;
import dev.indicators.streams.app.IndicatorStreamsApp;
import dev.indicators.streams.query.TotalsUnavailableException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

import java.net.URI;
import java.util.Optional;

/**
 * Which instance answers for a region. The totals are partitioned by the region's province (the nation by its own
 * code), so every total of a region lives in one task of one instance; Kafka Streams' metadata
 * ({@link KafkaStreams#queryMetadataForKey}, behind {@link IndicatorStreamsApp#ownerOf}) says which, from the
 * {@code application.server} each instance advertises. A region whose owner is not known, or whose task this
 * instance owns but has not restored yet, is unavailable (503 + Retry-After), never a silent 0.
 */
public final class TotalsOwners {

    /** Where to answer a region: here, or at another instance's base URL. */
    public record Owner(boolean local, String baseUrl) {
        static Owner here() {
            return new Owner(true, null);
        }
    }

    private final IndicatorStreamsApp app;
    private final RegionTable regions;
    private final HostInfo self;
    private final String scheme;

    /** @param advertisedUrl this instance's URL as other instances reach it ({@code http://host:port}) */
    public TotalsOwners(IndicatorStreamsApp app, RegionTable regions, String advertisedUrl) {
        this.app = app;
        this.regions = regions;
        URI u = URI.create(advertisedUrl);
        this.self = new HostInfo(u.getHost(), u.getPort());
        this.scheme = u.getScheme();
    }

    /** The owner of {@code regionCode}'s totals; an unknown region is answered here (the query rejects it with 400). */
    public Owner ownerOf(String regionCode) {
        if (regionCode == null || !regions.contains(regionCode.trim())) return Owner.here();
        KafkaStreams.State state = app.state();
        if (state != KafkaStreams.State.RUNNING) {
            throw new TotalsUnavailableException("totals are not readable now (streams state " + state + ")");
        }
        KeyQueryMetadata owner = app.ownerOf(regionCode.trim());
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner) || owner.activeHost() == null
                || owner.activeHost().port() < 0) {
            throw new TotalsUnavailableException("no instance owns the totals of " + regionCode + " now (a rebalance is in progress)");
        }
        if (owner.activeHost().equals(self)) {
            String suffix = "_" + owner.partition();
            if (app.localTotalsTasks().stream().noneMatch(t -> t.endsWith(suffix))) {
                throw new TotalsUnavailableException("the totals of " + regionCode + " are being restored on this instance");
            }
            return Owner.here();
        }
        return new Owner(false, scheme + "://" + owner.activeHost().host() + ":" + owner.activeHost().port());
    }
}
