package dev.indicators.app.http;

import dev.indicators.app.live.StreamPosition;
import dev.indicators.app.live.SubscribeSettings;
import dev.indicators.app.live.Subscriber;
import dev.indicators.app.live.SubscriptionFilter;
import dev.indicators.app.live.TotalChange;
import dev.indicators.app.live.TotalsFeed;
import dev.indicators.app.live.TotalsReplay;
import dev.indicators.streams.query.TotalsUnavailableException;
import dev.indicators.contract.indicator.IndicatorName;
import dev.indicators.streams.totals.UnknownIndicatorException;
import dev.indicators.streams.totals.Period;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Push of changed totals as server-sent events:
 * <pre>
 * GET /api/v1/subscribe?region=R[&amp;indicator=I][&amp;period=P][&amp;descendants=true]     (Accept: text/event-stream)
 *
 * event: total                     one per changed total (JSON of {@link TotalChange})
 * id: 0:1523,1:877                 the totals topic's position after it: send it back as Last-Event-ID to resume
 * event: ready                     once caught up (after the replay of a resumed stream), with the position as id
 * : heartbeat                      a comment after INDICATORS_SUBSCRIBE_HEARTBEAT without a change
 * event: dropped                   the client read too slowly and its buffer filled; the stream ends (resume by id)
 * </pre>
 * Fed by the process's one {@link TotalsFeed}; each stream is written by its own thread (Javalin's async executor)
 * from its subscriber's bounded buffer, so a slow client blocks only itself.
 */
public final class SubscribeRoutes implements Routes {

    public static final String PATH = "/api/v1/subscribe";
    private static final Logger log = LoggerFactory.getLogger(SubscribeRoutes.class);

    private final TotalsFeed feed;
    private final SubscribeSettings settings;
    private final AtomicInteger clients = new AtomicInteger();
    private final SseHandler sse = new SseHandler(this::stream);

    public SubscribeRoutes(TotalsFeed feed, SubscribeSettings settings) {
        this.feed = feed;
        this.settings = settings;
    }

    @Override
    public void addTo(RoutesConfig routes, HttpSettings http) {
        settings.checkedAgainst(http.idleTimeout());
        routes.get(PATH, this::subscribe);
    }

    @Override
    public Map<String, String> describe() {
        return Map.of("GET " + PATH, "changed totals as server-sent events: ?region=&indicator=&period=&descendants=true (Last-Event-ID resumes)");
    }

    /** The request as the stream needs it, checked before the response turns into a stream (so errors are JSON). */
    private record Request(SubscriptionFilter filter, StreamPosition resumeFrom) {
    }

    private void subscribe(Context ctx) {
        String region = BadRequestException.required(ctx, "region");
        if (!feed.regions().contains(region)) throw new BadRequestException("unknown region '" + region + "'");
        String indicator = blankToNull(ctx.queryParam("indicator"));
        if (indicator != null) indicator = UnknownIndicatorException.parse(indicator).text();
        String period = blankToNull(ctx.queryParam("period"));
        if (period != null) period = Period.parse(period).text();
        String descendants = blankToNull(ctx.queryParam("descendants"));
        if (descendants != null && !descendants.equals("true") && !descendants.equals("false")) {
            throw new BadRequestException("descendants '" + descendants + "' must be true or false");
        }
        StreamPosition resume = null;
        String lastEventId = blankToNull(ctx.header("Last-Event-ID"));
        if (lastEventId == null) lastEventId = blankToNull(ctx.queryParam("lastEventId")); // for clients that cannot set headers
        if (lastEventId != null) {
            try {
                resume = StreamPosition.parse(lastEventId);
            } catch (IllegalArgumentException e) {
                throw new BadRequestException(e.getMessage());
            }
        }
        String accept = ctx.header(Header.ACCEPT);
        if (accept == null || !accept.contains("text/event-stream")) {
            throw new BadRequestException("GET " + PATH + " is a server-sent event stream: send 'Accept: text/event-stream' (Accept was '" + accept + "')");
        }
        if (clients.incrementAndGet() > settings.maxClients()) {
            clients.decrementAndGet();
            throw new TotalsUnavailableException("already " + settings.maxClients() + " subscribers (INDICATORS_SUBSCRIBE_MAX_CLIENTS); try again later");
        }
        ctx.attribute(Request.class.getName(), new Request(new SubscriptionFilter(region, indicator, period, "true".equals(descendants)), resume));
        try {
            sse.handle(ctx);
        } catch (RuntimeException e) {
            clients.decrementAndGet();
            throw e;
        }
    }

    /** Runs on its own thread for as long as the client stays (the stream ends when this returns). */
    private void stream(SseClient client) {
        Request request = client.ctx().attribute(Request.class.getName());
        Subscriber subscriber = null;
        try {
            subscriber = feed.subscribe(request.filter(), settings.buffer(), Duration.ofSeconds(10));
            StreamPosition at = subscriber.joinedAt();
            if (request.resumeFrom() != null) {
                try (TotalsReplay replay = feed.replay(request.resumeFrom(), at)) {
                    Subscriber s = subscriber;
                    at = replay.forEach((change, position) -> {
                        if (s.filter().accepts(change, feed.regions())) client.sendEvent("total", change, position.text());
                    }, () -> !client.terminated());
                }
            }
            client.sendEvent("ready", Map.of("position", at.text()), at.text());
            while (!client.terminated()) {
                Subscriber.Delivery d = subscriber.next(settings.heartbeat());
                if (subscriber.dropped()) {
                    client.sendEvent("dropped", Map.of("reason", "the client read too slowly: more than " + settings.buffer()
                            + " changes waited (INDICATORS_SUBSCRIBE_BUFFER); reconnect with the last event id to resume"));
                    break;
                }
                if (subscriber.closed()) break;
                if (d == null) client.sendComment("heartbeat");
                else client.sendEvent("total", d.change(), d.position().text());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.debug("subscriber stream ended: {}", e.toString());
            if (!client.terminated()) client.sendEvent("error", Map.of("error", String.valueOf(e.getMessage())));
        } finally {
            if (subscriber != null) feed.unsubscribe(subscriber);
            clients.decrementAndGet();
            client.close();
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
