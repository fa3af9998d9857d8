package dev.indicators.app.totals;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.indicators.app.HttpEndpoints;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.streams.totals.InvalidTotalsRequestException;
import dev.indicators.streams.query.TotalValue;
import dev.indicators.streams.query.TotalsQuery;
import dev.indicators.streams.query.TotalsUnavailableException;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The query API in JSON over HTTP:
 * <pre>
 * GET /api/v1/totals?region=&amp;indicator=&amp;period=                    one value
 * GET /api/v1/regions/{code}/totals?period=                            every indicator of a region
 * GET /api/v1/regions/{code}/series?indicator=&amp;from=&amp;to=&amp;granularity=  a time series (day | month)
 * GET /api/v1/regions                                                  the region tree
 * GET /api/v1/indicators                                               the indicator names
 * </pre>
 * A bad request (unknown region, indicator or period) is a 400 naming it; totals not readable yet (the streams app
 * is starting or rebalancing) a 503 with Retry-After.
 */
public final class TotalsEndpoints {

    private static final Pattern REGION_PATH = Pattern.compile("^/api/v1/regions/([^/]+)/(totals|series)/?$");

    private final Supplier<TotalsQuery> query;
    private final RegionTable regions;

    public TotalsEndpoints(Supplier<TotalsQuery> query, RegionTable regions) {
        this.query = query;
        this.regions = regions;
    }

    public HttpHandler totals() {
        return exchange -> answer(exchange, () -> {
            Map<String, String> q = params(exchange);
            TotalValue v = query.get().total(required(q, "region"), required(q, "indicator"), required(q, "period"));
            return json(v);
        });
    }

    public HttpHandler regions() {
        return exchange -> answer(exchange, () -> {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/api/v1/regions") || path.equals("/api/v1/regions/")) {
                return query.get().regionTree();
            }
            Matcher m = REGION_PATH.matcher(path);
            if (!m.matches()) {
                throw new NotFound("no such endpoint: " + path);
            }
            String code = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
            Map<String, String> q = params(exchange);
            if (m.group(2).equals("totals")) {
                String period = q.getOrDefault("period", "all");
                List<TotalValue> values = query.get().totals(code, period);
                Map<String, Object> body = regionHeader(code, values.isEmpty() ? null : values.get(0));
                body.put("period", values.isEmpty() ? period : values.get(0).period());
                body.put("totals", values.stream().map(TotalsEndpoints::indicatorJson).toList());
                return body;
            }
            String granularity = q.getOrDefault("granularity", "month");
            List<TotalValue> points = query.get().series(code, required(q, "indicator"), required(q, "from"), required(q, "to"), granularity);
            Map<String, Object> body = regionHeader(code, points.isEmpty() ? null : points.get(0));
            body.put("indicator", q.get("indicator"));
            body.put("granularity", granularity);
            body.put("points", points.stream().map(p -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("period", p.period());
                row.put("value", p.value());
                if (p.denominator() != null) {
                    row.put("numerator", p.numerator());
                    row.put("denominator", p.denominator());
                }
                return row;
            }).toList());
            return body;
        });
    }

    public HttpHandler indicators() {
        return exchange -> answer(exchange, () -> Map.of("indicators", query.get().indicators()));
    }

    private Map<String, Object> regionHeader(String code, TotalValue any) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("region", any == null ? code : any.regionCode());
        regions.find(code).ifPresent(r -> {
            body.put("regionName", (r.nameZh() + " " + r.nameEn()).trim());
            body.put("regionLevel", r.level().label());
        });
        return body;
    }

    private Map<String, Object> json(TotalValue v) {
        Map<String, Object> body = regionHeader(v.regionCode(), v);
        body.put("regionLevel", v.regionLevel());
        body.put("indicator", v.indicator());
        body.put("period", v.period());
        body.put("value", v.value());
        body.put("numerator", v.numerator());
        body.put("denominator", v.denominator());
        return body;
    }

    private static Map<String, Object> indicatorJson(TotalValue v) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("indicator", v.indicator());
        row.put("value", v.value());
        row.put("numerator", v.numerator());
        row.put("denominator", v.denominator());
        return row;
    }

    private interface Answer {
        Object get() throws IOException;
    }

    private static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }

    private static void answer(HttpExchange exchange, Answer answer) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "GET");
            HttpEndpoints.sendJson(exchange, 405, Map.of("error", "method " + exchange.getRequestMethod() + " not allowed; use GET"));
            return;
        }
        try {
            HttpEndpoints.sendJson(exchange, 200, answer.get());
        } catch (InvalidTotalsRequestException | MissingParameter e) {
            HttpEndpoints.sendJson(exchange, 400, Map.of("error", e.getMessage()));
        } catch (NotFound e) {
            HttpEndpoints.sendJson(exchange, 404, Map.of("error", e.getMessage()));
        } catch (TotalsUnavailableException e) {
            exchange.getResponseHeaders().set("Retry-After", "2");
            HttpEndpoints.sendJson(exchange, 503, Map.of("error", e.getMessage()));
        }
    }

    private static final class MissingParameter extends RuntimeException {
        MissingParameter(String name) {
            super("query parameter '" + name + "' is required");
        }
    }

    private static String required(Map<String, String> q, String name) {
        String v = q.get(name);
        if (v == null || v.isBlank()) throw new MissingParameter(name);
        return v;
    }

    static Map<String, String> params(HttpExchange exchange) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) return out;
        for (String pair : raw.split("&")) {
            int i = pair.indexOf('=');
            String k = URLDecoder.decode(i < 0 ? pair : pair.substring(0, i), StandardCharsets.UTF_8);
            String v = i < 0 ? "" : URLDecoder.decode(pair.substring(i + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(k, v);
        }
        return out;
    }
}
