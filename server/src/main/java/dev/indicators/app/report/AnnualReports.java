package dev.indicators.app.report;

import dev.indicators.app.report.AnnualReport.Cell;
import dev.indicators.app.report.AnnualReport.Check;
import dev.indicators.app.report.AnnualReport.Column;
import dev.indicators.app.report.AnnualReport.PublishedVsComputed;
import dev.indicators.app.report.AnnualReport.Row;
import dev.indicators.app.report.AnnualReport.Section;
import dev.indicators.contract.region.Region;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.streams.query.TotalValue;
import dev.indicators.streams.query.TotalsQuery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Builds a region's {@link AnnualReport} for a year from the query API's year totals: the indicators are the
 * pipeline's vocabulary ({@link TotalsQuery#indicators()}), grouped by domain, so a new event type's indicators appear
 * without a change here.
 */
public final class AnnualReports {

    private final Supplier<TotalsQuery> query;
    private final RegionTable regions;

    public AnnualReports(Supplier<TotalsQuery> query, RegionTable regions) {
        this.query = query;
        this.regions = regions;
    }

    /**
     * @throws IllegalArgumentException for an unknown region (the message names it)
     */
    public AnnualReport build(String code, int year, PublishedFigures publishedFigures) {
        Region region = regions.find(code).orElseThrow(() -> new IllegalArgumentException("unknown region '" + code + "'"));
        List<Region> columns = new ArrayList<>();
        columns.add(region);
        regions.children(region.code()).stream().sorted(Comparator.comparing(r -> r.code().value())).forEach(columns::add);
        String period = "year:" + year;
        TotalsQuery q = query.get();
        List<String> vocabulary = q.indicators();
        List<Map<String, TotalValue>> totals = new ArrayList<>();
        for (Region c : columns) {
            Map<String, TotalValue> byIndicator = new HashMap<>();
            for (TotalValue v : q.totals(c.code().value(), period)) byIndicator.put(v.indicator(), v);
            totals.add(byIndicator);
        }

        Map<String, List<Row>> byDomain = new LinkedHashMap<>();
        for (String indicator : vocabulary) {
            List<Cell> cells = totals.stream().map(t -> cell(t.get(indicator))).toList();
            boolean rate = isRate(indicator, cells);
            byDomain.computeIfAbsent(IndicatorLabels.domainOf(indicator), d -> new ArrayList<>())
                    .add(new Row(indicator, IndicatorLabels.indicator(indicator), rate, cells));
        }
        List<Section> sections = byDomain.entrySet().stream()
                .map(e -> new Section(e.getKey(), IndicatorLabels.domain(e.getKey()), e.getValue())).toList();

        List<Check> checks = new ArrayList<>();
        List<Map<String, Double>> figures = totals.stream().map(AnnualReports::values).toList();
        for (int i = 0; i < columns.size(); i++) {
            checks.addAll(Reconciliation.of(columns.get(i).code().value(), "computed", figures.get(i), vocabulary));
        }
        if (columns.size() > 1) {
            List<String> counts = sections.stream().flatMap(s -> s.rows().stream()).filter(r -> !r.rate()).map(Row::indicator).toList();
            checks.addAll(Reconciliation.parentAndChildren(code, figures.get(0), figures.subList(1, figures.size()), counts));
        }

        List<PublishedVsComputed> published = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            String c = columns.get(i).code().value();
            List<PublishedFigure> own = publishedFigures.of(c, year);
            if (own.isEmpty()) continue;
            Map<String, Double> publishedValues = new LinkedHashMap<>();
            for (PublishedFigure p : own) {
                TotalValue computed = totals.get(i).get(p.indicator());
                Double value = computed == null ? null : computed.value();
                double pv = p.pipelineValue();
                publishedValues.putIfAbsent(p.indicator(), pv);
                published.add(new PublishedVsComputed(c, p.indicator(), IndicatorLabels.indicator(p.indicator()), p.value().doubleValue(), p.unit(),
                        value, value == null ? null : value - pv,
                        computed == null ? joinNote(p.note(), "not an indicator of the pipeline") : p.note()));
            }
            checks.addAll(Reconciliation.of(c, "published", publishedValues, vocabulary));
            checks.addAll(Reconciliation.publishedRates(c, own));
        }
        return new AnnualReport(code, (region.nameZh() + " " + region.nameEn()).trim(), year,
                columns.stream().map(r -> new Column(r.code().value(), (r.nameZh() + " " + r.nameEn()).trim(), r.level().label())).toList(),
                sections, checks, publishedFigures.source(), published);
    }

    private static String joinNote(String note, String more) {
        return note == null || note.isBlank() ? more : note + "; " + more;
    }

    private static Cell cell(TotalValue v) {
        if (v == null) return new Cell(null, null, null);
        return new Cell(v.value(), v.denominator() == null ? null : v.numerator(), v.denominator());
    }

    private static boolean isRate(String indicator, List<Cell> cells) {
        return indicator.endsWith("_rate") || cells.stream().anyMatch(c -> c.denominator() != null);
    }

    private static Map<String, Double> values(Map<String, TotalValue> totals) {
        Map<String, Double> m = new HashMap<>();
        totals.forEach((k, v) -> {
            if (v.value() != null) m.put(k, v.value());
        });
        return m;
    }

}
