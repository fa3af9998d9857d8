package dev.indicators.app;

import dev.indicators.app.http.ReportRoutes;
import dev.indicators.app.http.Routes;
import dev.indicators.app.http.SubscribeRoutes;
import dev.indicators.app.http.TargetsRoutes;
import dev.indicators.app.live.SubscribeSettings;
import dev.indicators.app.live.TotalsFeed;
import dev.indicators.app.report.AnnualReports;
import dev.indicators.app.report.PublishedFigures;
import dev.indicators.app.targets.AlertsTopic;
import dev.indicators.app.targets.TargetWatch;
import dev.indicators.app.targets.TargetsFile;
import dev.indicators.contract.Settings;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.streams.codec.RegistryEventCodec;
import dev.indicators.streams.query.TotalsQuery;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The parts of a pipeline process that serve the people reading totals beyond the query API: the push of changed
 * totals ({@code /api/v1/subscribe}), the targets with their alerts, both fed by the process's one reader of the
 * totals topic, and the annual report. Kept apart from {@link PipelineServer} so that it adds one field there.
 * <p>
 * Settings: {@code INDICATORS_SUBSCRIBE_*} ({@link SubscribeSettings}), {@code INDICATORS_TARGETS_FILE}
 * ({@link TargetsFile}), {@code INDICATORS_TOPIC_ALERTS} ({@link AlertsTopic}), {@code INDICATORS_PUBLISHED_FIGURES_FILE}
 * ({@link PublishedFigures}).
 */
final class ReaderParts implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReaderParts.class);

    private final RegistryEventCodec codec;
    private final TotalsFeed feed;
    private final AlertsTopic alerts;
    private final TargetWatch targets;
    private final List<Routes> routes;

    ReaderParts(ServerConfiguration config, RegionTable regions, Supplier<TotalsQuery> query, MeterRegistry meters) {
        Settings settings = config.settings();
        SubscribeSettings subscribe = SubscribeSettings.fromSettings(settings);
        codec = new RegistryEventCodec(config.registryUrl());
        feed = new TotalsFeed(config.kafka(), config.streams().topics().totals(), codec.totalSerde().deserializer(), regions);
        alerts = new AlertsTopic(config.kafka(), settings.value(dev.indicators.contract.config.SettingCatalogue.TOPIC_ALERTS));
        targets = new TargetWatch(TargetsFile.fromSettings(settings, regions), alerts::publish, Clock.systemUTC());
        feed.listen(targets);
        Gauge.builder("indicators_subscribers", feed, TotalsFeed::subscribers)
                .description("clients of /api/v1/subscribe connected now").register(meters);
        FunctionCounter.builder("indicators_subscribers_dropped", feed, TotalsFeed::droppedSubscribers)
                .description("clients of /api/v1/subscribe dropped because they read too slowly (buffer full)").register(meters);
        routes = List.of(new SubscribeRoutes(feed, subscribe), new TargetsRoutes(query, regions, targets),
                new ReportRoutes(new AnnualReports(query, regions), PublishedFigures.fromSettings(settings)));
    }

    List<Routes> routes() {
        return routes;
    }

    TotalsFeed feed() {
        return feed;
    }

    /** Creates the alerts topic when missing, takes in the alerts published before, and starts reading totals. */
    void start() {
        try {
            alerts.provision();
            targets.restore(alerts.readAll(Duration.ofSeconds(30)));
        } catch (RuntimeException e) {
            // Targets still work; a flip announced before a restart may be announced once more.
            log.warn("alerts topic {} not read at start: {}", alerts.topic(), e.getMessage());
        }
        feed.start();
    }

    /** First of all on shutdown: ends the streams, so the HTTP server's graceful stop does not wait for them. */
    @Override
    public void close() {
        feed.close();
        alerts.close();
        codec.close();
    }
}
