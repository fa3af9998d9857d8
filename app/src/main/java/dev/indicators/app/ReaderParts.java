package dev.indicators.app;

import dev.indicators.app.http.Routes;
import dev.indicators.app.http.SubscribeRoutes;
import dev.indicators.app.live.SubscribeSettings;
import dev.indicators.app.live.TotalsFeed;
import dev.indicators.contract.Settings;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.streams.codec.RegistryEventCodec;
import dev.indicators.streams.query.TotalsQuery;

import java.util.List;
import java.util.function.Supplier;

/**
 * The parts of a pipeline process that serve the people reading totals beyond the query API: the push of changed
 * totals ({@code /api/v1/subscribe}), fed by the process's one reader of the totals topic. Kept apart from
 * {@link PipelineServer} so that it adds one field there. Settings: {@code INDICATORS_SUBSCRIBE_*} ({@link SubscribeSettings}).
 */
final class ReaderParts implements AutoCloseable {

    private final RegistryEventCodec codec;
    private final TotalsFeed feed;
    private final List<Routes> routes;

    ReaderParts(PipelineServer.Options options, Settings settings, RegionTable regions, Supplier<TotalsQuery> query) {
        codec = new RegistryEventCodec(options.registryUrl());
        feed = new TotalsFeed(options.bootstrapServers(), options.streams().topics().totals(), codec.totalSerde().deserializer(), regions);
        routes = List.of(new SubscribeRoutes(feed, SubscribeSettings.fromSettings(settings)));
    }

    List<Routes> routes() {
        return routes;
    }

    TotalsFeed feed() {
        return feed;
    }

    void start() {
        feed.start();
    }

    /** First of all on shutdown: ends the streams, so the HTTP server's graceful stop does not wait for them. */
    @Override
    public void close() {
        feed.close();
        codec.close();
    }
}
