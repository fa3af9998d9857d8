package dev.indicators.app.http;

import dev.indicators.app.report.AnnualReport;
import dev.indicators.app.report.AnnualReports;
import dev.indicators.app.report.PublishedFigures;
import dev.indicators.app.report.ReportCsv;
import dev.indicators.app.report.ReportHtml;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The annual report of a region:
 * <pre>
 * GET  /api/v1/regions/{code}/report?year=YYYY&amp;format=html|csv|json     with the configured published figures
 * POST /api/v1/regions/{code}/report?year=YYYY&amp;format=...  (text/csv)   with the published figures in the body
 * </pre>
 * The body of a POST is a CSV in the format of {@code published-figures.csv}, at most the server's request size.
 */
public final class ReportRoutes implements Routes {

    private final AnnualReports reports;
    private final PublishedFigures configured;

    public ReportRoutes(AnnualReports reports, PublishedFigures configured) {
        this.reports = reports;
        this.configured = configured;
    }

    @Override
    public void addTo(RoutesConfig routes, HttpSettings settings) {
        routes.get("/api/v1/regions/{code}/report", ctx -> answer(ctx, configured));
        routes.post("/api/v1/regions/{code}/report", ctx -> {
            PublishedFigures uploaded;
            try {
                uploaded = PublishedFigures.read(new StringReader(ctx.body()), "the uploaded figures");
            } catch (IllegalArgumentException e) {
                throw new BadRequestException(e.getMessage());
            }
            answer(ctx, uploaded);
        });
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("GET /api/v1/regions/{code}/report", "the annual report with reconciliation: ?year=&format=html|csv|json");
        m.put("POST /api/v1/regions/{code}/report", "the same against published figures in the body (CSV of published-figures.csv)");
        return m;
    }

    private void answer(Context ctx, PublishedFigures published) {
        String code = ctx.pathParam("code");
        String yearText = BadRequestException.required(ctx, "year").trim();
        if (!yearText.matches("\\d{4}")) throw new BadRequestException("year '" + yearText + "' is not a four-digit year");
        String format = Optional.ofNullable(ctx.queryParam("format")).filter(f -> !f.isBlank()).orElse("html").trim();
        if (!format.equals("html") && !format.equals("csv") && !format.equals("json")) {
            throw new BadRequestException("format '" + format + "' is not one of html, csv, json");
        }
        AnnualReport report;
        try {
            report = reports.build(code, Integer.parseInt(yearText), published);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        switch (format) {
            case "json" -> ctx.json(report);
            case "csv" -> {
                ctx.contentType("text/csv; charset=utf-8");
                ctx.header("Content-Disposition", "inline; filename=\"report-" + code + "-" + yearText + ".csv\"");
                ctx.result(ReportCsv.render(report));
            }
            default -> ctx.contentType("text/html; charset=utf-8").result(ReportHtml.render(report));
        }
    }
}
