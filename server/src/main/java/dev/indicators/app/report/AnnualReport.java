package dev.indicators.app.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * The rule-of-law statistics table of a region for a year (the region and its sub-regions as columns, the indicators
 * of each domain as rows), its reconciliation (identities that must hold, each holds / fails with the figures) and,
 * where the region published figures, published vs computed.
 */
@JsonPropertyOrder({"region", "regionName", "year", "columns", "sections", "reconciliation", "publishedSource", "published"})
public record AnnualReport(String region, String regionName, int year, List<Column> columns, List<Section> sections,
                           List<Check> reconciliation, String publishedSource, List<PublishedVsComputed> published) {

    public record Column(String code, String name, String level) {
    }

    public record Section(String domain, String label, List<Row> rows) {
    }

    /** One indicator across the columns; {@code rate} rows carry numerator and denominator in their cells. */
    public record Row(String indicator, String label, boolean rate, List<Cell> cells) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cell(Double value, Long numerator, Long denominator) {
    }

    /** An identity checked for one region on the computed or the published figures. */
    @JsonPropertyOrder({"identity", "region", "basis", "status", "figures"})
    public record Check(String identity, String region, String basis, Status status, String figures) {
        public boolean holds() {
            return status == Status.HOLDS;
        }
    }

    public enum Status {
        HOLDS, FAILS;

        @com.fasterxml.jackson.annotation.JsonValue
        public String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A published figure beside the computed one; difference = computed - published (null when not computable). */
    @JsonPropertyOrder({"region", "indicator", "label", "published", "unit", "computed", "difference", "note"})
    public record PublishedVsComputed(String region, String indicator, String label, double published, String unit,
                                      Double computed, Double difference, String note) {
    }
}
