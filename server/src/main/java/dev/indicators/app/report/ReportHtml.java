package dev.indicators.app.report;

import dev.indicators.app.report.AnnualReport.Cell;
import dev.indicators.app.report.AnnualReport.Check;
import dev.indicators.app.report.AnnualReport.Column;
import dev.indicators.app.report.AnnualReport.PublishedVsComputed;
import dev.indicators.app.report.AnnualReport.Row;
import dev.indicators.app.report.AnnualReport.Section;


/**
 * The report as one printable HTML page (A4 landscape when printed, the table repeated header on each page). Plain
 * code: one page with three tables needs no template engine, and every text goes through {@link #esc}.
 */
public final class ReportHtml {

    private static final String STYLE = """
            body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;margin:24px;color:#1d2733}
            h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:24px 0 8px}p.meta{color:#5b6673;margin:0 0 16px}
            table{border-collapse:collapse;width:100%;font-size:12px;margin-bottom:8px}
            th,td{border:1px solid #c9d1da;padding:3px 6px;text-align:left;vertical-align:top}
            th{background:#eef2f6}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
            tr.domain th{background:#dfe7ef;text-align:left}td.ratio{color:#5b6673;font-size:11px}
            .holds{color:#1b7f3b;font-weight:600}.fails{color:#b3261e;font-weight:600}
            thead{display:table-header-group}tr{page-break-inside:avoid}
            @page{size:A4 landscape;margin:12mm}
            @media print{body{margin:0}a{color:inherit;text-decoration:none}.noprint{display:none}}
            """;

    private ReportHtml() {
    }

    public static String render(AnnualReport r) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!doctype html><html lang=\"zh-Hans\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(r.regionName())).append(' ').append(r.year()).append(" · 法治政府建设统计 Rule-of-law statistics</title>")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><style>").append(STYLE).append("</style></head><body>");
        h.append("<h1>").append(esc(r.regionName())).append(" · ").append(r.year()).append(" 年度法治政府建设统计 Rule-of-law statistics</h1>");
        h.append("<p class=\"meta\">").append(esc(r.region())).append(" · computed by indicator-pipeline from case-level events (year:")
                .append(r.year()).append(", Asia/Shanghai) · <a class=\"noprint\" href=\"?year=").append(r.year()).append("&format=csv\">CSV</a> · ")
                .append("<a class=\"noprint\" href=\"?year=").append(r.year()).append("&format=json\">JSON</a></p>");

        h.append("<table id=\"figures\"><thead><tr><th>Indicator 指标</th>");
        for (Column c : r.columns()) h.append("<th class=\"num\" title=\"").append(esc(c.level())).append("\">").append(esc(c.name())).append("<br><small>").append(esc(c.code())).append("</small></th>");
        h.append("</tr></thead><tbody>");
        for (Section s : r.sections()) {
            h.append("<tr class=\"domain\"><th colspan=\"").append(r.columns().size() + 1).append("\">").append(esc(s.label())).append("</th></tr>");
            for (Row row : s.rows()) {
                h.append("<tr data-indicator=\"").append(esc(row.indicator())).append("\"><td>").append(esc(row.label())).append("</td>");
                for (Cell c : row.cells()) {
                    h.append("<td class=\"num\">").append(esc(value(row, c)));
                    if (row.rate() && c.denominator() != null) {
                        h.append("<br><span class=\"ratio\">").append(Reconciliation.n(c.numerator())).append(" / ").append(Reconciliation.n(c.denominator())).append("</span>");
                    }
                    h.append("</td>");
                }
                h.append("</tr>");
            }
        }
        h.append("</tbody></table>");

        h.append("<h2>Reconciliation 核对</h2><table id=\"reconciliation\"><thead><tr><th>Identity 恒等式</th><th>Region</th><th>Figures</th>")
                .append("<th>Basis</th><th>Status</th></tr></thead><tbody>");
        for (Check c : r.reconciliation()) {
            h.append("<tr class=\"").append(c.status().text()).append("\"><td>").append(esc(c.identity())).append("</td><td>").append(esc(c.region()))
                    .append("</td><td>").append(esc(c.figures())).append("</td><td>").append(esc(c.basis())).append("</td><td class=\"")
                    .append(c.status().text()).append("\">").append(c.holds() ? "✔ holds" : "✘ fails").append("</td></tr>");
        }
        if (r.reconciliation().isEmpty()) h.append("<tr><td colspan=\"5\">no identity applies to these figures</td></tr>");
        h.append("</tbody></table>");

        h.append("<h2>Published vs computed 公布数与计算数</h2><p class=\"meta\">published figures: ").append(esc(r.publishedSource())).append("</p>");
        if (r.published().isEmpty()) {
            h.append("<p class=\"meta\">No published figures for these regions and this year.</p>");
        } else {
            h.append("<table id=\"published\"><thead><tr><th>Region</th><th>Indicator</th><th class=\"num\">Published</th><th class=\"num\">Computed</th>")
                    .append("<th class=\"num\">Difference</th><th>Note</th></tr></thead><tbody>");
            for (PublishedVsComputed p : r.published()) {
                boolean pct = "%".equals(p.unit());
                h.append("<tr data-indicator=\"").append(esc(p.indicator())).append("\"><td>").append(esc(p.region())).append("</td><td>").append(esc(p.label()))
                        .append("</td><td class=\"num\">").append(esc(Reconciliation.n(p.published()) + (pct ? " %" : "")))
                        .append("</td><td class=\"num\">").append(p.computed() == null ? "–" : esc(pct ? Reconciliation.pct(p.computed()) : Reconciliation.n(p.computed())))
                        .append("</td><td class=\"num\">").append(p.difference() == null ? "–" : esc(pct ? Reconciliation.pct(p.difference()) : signed(p.difference())))
                        .append("</td><td>").append(esc(p.note())).append("</td></tr>");
            }
            h.append("</tbody></table>");
        }
        h.append("</body></html>");
        return h.toString();
    }

    static String value(Row row, Cell c) {
        if (c.value() == null) return "–";
        return row.rate() ? Reconciliation.pct(c.value()) : Reconciliation.n(c.value());
    }

    private static String signed(double d) {
        return (d > 0 ? "+" : "") + Reconciliation.n(d);
    }

    static String esc(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }

}
