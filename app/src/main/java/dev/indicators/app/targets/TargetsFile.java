package dev.indicators.app.targets;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.streams.totals.IndicatorName;
import dev.indicators.streams.totals.PeriodKind;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a targets file (CSV with a header; quoted fields may hold commas):
 * <pre>
 * region,indicator,period_kind,comparator,threshold,source
 * 511304,mediation.success_rate,year,>=,95%,"Jialing District 2019 plan: ..."
 * </pre>
 * {@code period_kind} is year, quarter, month or all; {@code threshold} a number, or a percentage ({@code 95%} = 0.95)
 * for rates. A bad row is refused with the file, line, field and value; the file is read whole or not at all, so a
 * typo never leaves a process with half its targets.
 */
public final class TargetsFile {

    public static final String ENV = "INDICATORS_TARGETS_FILE";
    /** The example shipped with the project (Jialing's 2019 plan and the published figures of the sample). */
    public static final String EXAMPLE_RESOURCE = "/targets/example-targets.csv";
    private static final List<String> COLUMNS = List.of("region", "indicator", "period_kind", "comparator", "threshold", "source");

    private TargetsFile() {
    }

    /** The file {@value #ENV} names; {@code none} for no targets; unset: the shipped example. */
    public static List<Target> fromSettings(dev.indicators.contract.Settings settings, RegionTable regions) {
        String file = settings.find(ENV).map(String::trim).orElse("");
        if (file.equalsIgnoreCase("none")) return List.of();
        if (file.isEmpty()) return example(regions);
        try (Reader r = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            return read(r, file, regions);
        } catch (IOException e) {
            throw new IllegalArgumentException(ENV + " '" + file + "' cannot be read: " + e.getMessage(), e);
        }
    }

    public static List<Target> example(RegionTable regions) {
        try (InputStream in = TargetsFile.class.getResourceAsStream(EXAMPLE_RESOURCE)) {
            if (in == null) throw new IllegalStateException(EXAMPLE_RESOURCE + " is missing from the class path");
            return read(new InputStreamReader(in, StandardCharsets.UTF_8), EXAMPLE_RESOURCE, regions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Target> read(Reader reader, String source, RegionTable regions) {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.TRIM_SPACES);
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        List<Target> out = new ArrayList<>();
        try (MappingIterator<Map<String, String>> rows = mapper.readerForMapOf(String.class).with(schema).readValues(reader)) {
            boolean headerChecked = false;
            long line = 1; // the header
            while (rows.hasNext()) {
                Map<String, String> row = rows.next();
                line++;
                if (!headerChecked) {
                    List<String> missing = COLUMNS.stream().filter(c -> !row.containsKey(c)).toList();
                    if (!missing.isEmpty()) {
                        throw new IllegalArgumentException(source + ": the header lacks " + missing + "; expected " + String.join(",", COLUMNS));
                    }
                    headerChecked = true;
                }
                if (row.values().stream().allMatch(v -> v == null || v.isBlank())) continue;
                out.add(target(row, source + " line " + line, regions));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae) throw iae;
            throw new IllegalArgumentException(source + ": not a readable CSV: " + e.getMessage(), e);
        }
        return List.copyOf(out);
    }

    private static Target target(Map<String, String> row, String where, RegionTable regions) {
        String region = field(row, "region", where);
        if (!regions.contains(region)) throw bad(where, "region", region, "not a code of the region table");
        String indicatorText = field(row, "indicator", where);
        IndicatorName indicator;
        try {
            indicator = IndicatorName.parse(indicatorText);
        } catch (RuntimeException e) {
            throw bad(where, "indicator", indicatorText, "not an indicator of the pipeline");
        }
        String kindText = field(row, "period_kind", where).toLowerCase(Locale.ROOT);
        PeriodKind kind = switch (kindText) {
            case "year" -> PeriodKind.YEAR;
            case "quarter" -> PeriodKind.QUARTER;
            case "month" -> PeriodKind.MONTH;
            case "all" -> PeriodKind.ALL;
            default -> throw bad(where, "period_kind", kindText, "not one of year, quarter, month, all");
        };
        Comparison comparison;
        try {
            comparison = Comparison.parse(field(row, "comparator", where));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
        String thresholdText = field(row, "threshold", where);
        double threshold;
        try {
            threshold = thresholdText.endsWith("%")
                    ? Double.parseDouble(thresholdText.substring(0, thresholdText.length() - 1).trim()) / 100.0
                    : Double.parseDouble(thresholdText);
        } catch (NumberFormatException e) {
            throw bad(where, "threshold", thresholdText, "not a number (or a percentage such as 95%)");
        }
        if (Double.isNaN(threshold) || Double.isInfinite(threshold)) throw bad(where, "threshold", thresholdText, "not a finite number");
        String src = row.getOrDefault("source", "");
        return new Target(region, indicator.text(), kind, comparison, threshold, src == null ? "" : src.trim());
    }

    private static String field(Map<String, String> row, String name, String where) {
        String v = row.get(name);
        if (v == null || v.isBlank()) throw bad(where, name, String.valueOf(v), "required");
        return v.trim();
    }

    private static IllegalArgumentException bad(String where, String field, String value, String why) {
        return new IllegalArgumentException(where + ": " + field + " '" + value + "' " + why);
    }
}
