package dev.indicators.app.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import dev.indicators.app.report.AnnualReport.Cell;
import dev.indicators.app.report.AnnualReport.Check;
import dev.indicators.app.report.AnnualReport.Column;
import dev.indicators.app.report.AnnualReport.PublishedVsComputed;
import dev.indicators.app.report.AnnualReport.Row;
import dev.indicators.app.report.AnnualReport.Section;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The report as CSV for a spreadsheet, one table per block separated by a blank line: the figures (an indicator a
 * row, a region a column, rates as fractions with their numerator and denominator columns beside), then the
 * reconciliation, then published vs computed. Written by Jackson's CSV module, which quotes what needs quoting.
 */
public final class ReportCsv {

    /** Quotes only fields that need it (a comma, a quote, a line break), so labels with spaces stay plain. */
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

    private ReportCsv() {
    }

    public static String render(AnnualReport r) {
        List<List<String>> rows = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("domain", "indicator", "label"));
        for (Column c : r.columns()) head.add(c.code() + " " + c.name());
        rows.add(head);
        for (Section s : r.sections()) {
            for (Row row : s.rows()) {
                List<String> line = new ArrayList<>(List.of(s.domain(), row.indicator(), row.label()));
                for (Cell c : row.cells()) line.add(c.value() == null ? "" : plain(c.value()) + (row.rate() && c.denominator() != null ? " (" + c.numerator() + "/" + c.denominator() + ")" : ""));
                rows.add(line);
            }
        }
        rows.add(List.of());
        rows.add(List.of("identity", "region", "basis", "status", "figures"));
        for (Check c : r.reconciliation()) rows.add(List.of(c.identity(), c.region(), c.basis(), c.status().text(), c.figures()));
        if (!r.published().isEmpty()) {
            rows.add(List.of());
            rows.add(List.of("region", "indicator", "published", "unit", "computed", "difference", "note"));
            for (PublishedVsComputed p : r.published()) {
                rows.add(List.of(p.region(), p.indicator(), plain(p.published()), p.unit() == null ? "" : p.unit(),
                        p.computed() == null ? "" : plain(p.computed()), p.difference() == null ? "" : plain(p.difference()), p.note() == null ? "" : p.note()));
            }
        }
        try {
            StringBuilder out = new StringBuilder();
            for (List<String> row : rows) {
                out.append(row.isEmpty() ? "\n" : CSV.writeValueAsString(row.toArray(String[]::new)));
            }
            return out.toString();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
