package dev.indicators.app.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.indicators.app.routing.OwnerForwarding;
import dev.indicators.app.routing.TotalsOwners;
import dev.indicators.contract.region.Region;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.streams.query.TotalValue;
import dev.indicators.streams.query.TotalsQuery;
import dev.indicators.streams.query.TotalsUnavailableException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The query API in JSON:
 * <pre>
 * GET /api/v1/totals?region=&amp;indicator=&amp;period=                    one value
 * GET /api/v1/regions/{code}/totals?period=                            every indicator of a region (period default all)
 * GET /api/v1/regions/{code}/series?indicator=&amp;from=&amp;to=&amp;granularity=  a time series (day | month, default month)
 * GET /api/v1/regions                                                  the region tree
 * GET /api/v1/indicators                                               the indicator names
 * </pre>
 * An unknown region, indicator or period is a 400 naming it; totals not readable yet (the streams app is starting or
 * rebalancing) a 503 with Retry-After (both by {@link ApiServer}'s error mapping).
 */
public final class TotalsRoutes implements Routes {

    /** One total with its region's names. */
    @JsonPropertyOrder({"region", "regionName", "regionLevel", "indicator", "period", "value", "numerator", "denominator"})
    public record Total(String region, @JsonInclude(JsonInclude.Include.NON_NULL) String regionName, String regionLevel, String indicator, String period,
                        Double value, Long numerator, Long denominator) {
    }

    /** Every indicator of a region over one period. */
    @JsonPropertyOrder({"region", "regionName", "regionLevel", "period", "totals"})
    public record RegionTotals(String region, @JsonInclude(JsonInclude.Include.NON_NULL) String regionName,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String regionLevel, String period,
                               List<IndicatorValue> totals) {
    }

    public record IndicatorValue(String indicator, Double value, Long numerator, Long denominator) {
    }

    /** A time series of one indicator of a region. */
    @JsonPropertyOrder({"region", "regionName", "regionLevel", "indicator", "granularity", "points"})
    public record Series(String region, @JsonInclude(JsonInclude.Include.NON_NULL) String regionName,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String regionLevel, String indicator,
                         String granularity, List<Point> points) {
    }

    /** One point; numerator and denominator only for rates. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Point(String period, Double value, Long numerator, Long denominator) {
        static Point of(TotalValue v) {
            return new Point(v.period(), v.value(), v.denominator() == null ? null : v.numerator(), v.denominator());
        }
    }

    public record Indicators(List<String> indicators) {
    }

    private final Supplier<TotalsQuery> query;
    private final RegionTable regions;

    private final TotalsOwners owners;
    private final OwnerForwarding forwarding;

    /** One instance alone: every total is answered from this instance's state. */
    public TotalsRoutes(Supplier<TotalsQuery> query, RegionTable regions) {
        this(query, regions, null, null);
    }

    /** One of several instances: a region this instance does not own is answered by its owner. */
    public TotalsRoutes(Supplier<TotalsQuery> query, RegionTable regions, TotalsOwners owners, OwnerForwarding forwarding) {
        this.query = query;
        this.regions = regions;
        this.owners = owners;
        this.forwarding = forwarding;
    }

    /**
     * True when the owner of {@code region} answered (forwarded); false when this instance answers. A request that
     * was already forwarded to an instance that does not own the region (ownership moving) is a 503, not a hop more.
     */
    private boolean answeredByOwner(Context ctx, String region) {
        if (owners == null) return false;
        TotalsOwners.Owner owner = owners.ownerOf(region);
        if (owner.local()) {
            ctx.header(OwnerForwarding.ANSWERED_BY, forwarding.instanceId());
            return false;
        }
        if (OwnerForwarding.wasForwarded(ctx)) {
            throw new TotalsUnavailableException("the totals of " + region + " are moving between instances");
        }
        forwarding.forward(ctx, owner.baseUrl());
        return true;
    }

    @Override
    public void addTo(RoutesConfig routes, HttpSettings settings) {
        routes.get("/api/v1/totals", this::total);
        routes.get("/api/v1/regions", ctx -> ctx.json(query.get().regionTree()));
        routes.get("/api/v1/regions/{code}/totals", this::regionTotals);
        routes.get("/api/v1/regions/{code}/series", this::series);
        routes.get("/api/v1/indicators", ctx -> ctx.json(new Indicators(query.get().indicators())));
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("GET /api/v1/totals", "one total: ?region=&indicator=&period=");
        m.put("GET /api/v1/regions", "the region tree");
        m.put("GET /api/v1/regions/{code}/totals", "every indicator of a region: ?period=");
        m.put("GET /api/v1/regions/{code}/series", "a time series: ?indicator=&from=&to=&granularity=");
        m.put("GET /api/v1/indicators", "the indicator names");
        return m;
    }

    private void total(Context ctx) {
        if (answeredByOwner(ctx, BadRequestException.required(ctx, "region"))) return;
        TotalValue v = query.get().total(BadRequestException.required(ctx, "region"), BadRequestException.required(ctx, "indicator"),
                BadRequestException.required(ctx, "period"));
        ctx.json(new Total(v.regionCode(), name(v.regionCode()), v.regionLevel(), v.indicator(), v.period(), v.value(),
                v.numerator(), v.denominator()));
    }

    private void regionTotals(Context ctx) {
        String code = ctx.pathParam("code");
        if (answeredByOwner(ctx, code)) return;
        String period = Optional.ofNullable(ctx.queryParam("period")).filter(p -> !p.isBlank()).orElse("all");
        List<TotalValue> values = query.get().totals(code, period);
        String region = values.isEmpty() ? code : values.get(0).regionCode();
        ctx.json(new RegionTotals(region, name(code), level(code), values.isEmpty() ? period : values.get(0).period(),
                values.stream().map(v -> new IndicatorValue(v.indicator(), v.value(), v.numerator(), v.denominator())).toList()));
    }

    private void series(Context ctx) {
        String code = ctx.pathParam("code");
        if (answeredByOwner(ctx, code)) return;
        String granularity = Optional.ofNullable(ctx.queryParam("granularity")).filter(g -> !g.isBlank()).orElse("month");
        String indicator = BadRequestException.required(ctx, "indicator");
        List<TotalValue> points = query.get().series(code, indicator, BadRequestException.required(ctx, "from"),
                BadRequestException.required(ctx, "to"), granularity);
        String region = points.isEmpty() ? code : points.get(0).regionCode();
        ctx.json(new Series(region, name(code), level(code), indicator, granularity, points.stream().map(Point::of).toList()));
    }

    private String name(String code) {
        return regions.find(code).map(r -> (r.nameZh() + " " + r.nameEn()).trim()).orElse(null);
    }

    private String level(String code) {
        return regions.find(code).map((Region r) -> r.level().label()).orElse(null);
    }
}
