package dev.indicators.app.http;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.indicators.app.targets.Target;
import dev.indicators.app.targets.TargetAlert;
import dev.indicators.app.targets.TargetEvaluation;
import dev.indicators.app.targets.TargetWatch;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.streams.query.TotalValue;
import dev.indicators.streams.query.TotalsQuery;
import dev.indicators.streams.totals.Period;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Targets and their alerts:
 * <pre>
 * GET /api/v1/regions/{code}/targets?period=    the region's targets for that kind of period: met / missed / no data, value, threshold
 * GET /api/v1/alerts?region=&amp;limit=             the latest flips this process knows of (from the alerts topic and its own)
 * </pre>
 */
public final class TargetsRoutes implements Routes {

    @JsonPropertyOrder({"region", "period", "targets"})
    public record RegionTargets(String region, String period, List<TargetEvaluation> targets) {
    }

    public record Alerts(List<TargetAlert> alerts) {
    }

    private final Supplier<TotalsQuery> query;
    private final RegionTable regions;
    private final TargetWatch watch;

    public TargetsRoutes(Supplier<TotalsQuery> query, RegionTable regions, TargetWatch watch) {
        this.query = query;
        this.regions = regions;
        this.watch = watch;
    }

    @Override
    public void addTo(RoutesConfig routes, HttpSettings settings) {
        routes.get("/api/v1/regions/{code}/targets", this::targets);
        routes.get("/api/v1/alerts", this::alerts);
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("GET /api/v1/regions/{code}/targets", "the region's targets for a period: met / missed / no data: ?period=");
        m.put("GET /api/v1/alerts", "the latest target flips: ?region=&limit=");
        return m;
    }

    private void targets(Context ctx) {
        String code = ctx.pathParam("code");
        if (!regions.contains(code)) throw new BadRequestException("unknown region '" + code + "'");
        Period period = Period.parse(Optional.ofNullable(ctx.queryParam("period")).filter(p -> !p.isBlank()).orElse("all"));
        List<TargetEvaluation> out = new java.util.ArrayList<>();
        for (Target t : watch.targetsOf(code, period.kind())) {
            TotalValue v = query.get().total(code, t.indicator(), period.text());
            out.add(TargetEvaluation.of(t, period.text(), v.value(), v.numerator(), v.denominator()));
        }
        ctx.json(new RegionTargets(code, period.text(), out));
    }

    private void alerts(Context ctx) {
        String region = Optional.ofNullable(ctx.queryParam("region")).filter(r -> !r.isBlank()).orElse(null);
        if (region != null && !regions.contains(region)) throw new BadRequestException("unknown region '" + region + "'");
        int limit = 20;
        String l = ctx.queryParam("limit");
        if (l != null && !l.isBlank()) {
            try {
                limit = Integer.parseInt(l.trim());
            } catch (NumberFormatException e) {
                throw new BadRequestException("limit '" + l + "' is not a whole number");
            }
            if (limit < 1 || limit > 200) throw new BadRequestException("limit '" + l + "' must be from 1 to 200");
        }
        ctx.json(new Alerts(watch.recentAlerts(region, limit)));
    }
}
