package dev.indicators.app.targets;

import dev.indicators.app.table.CsvRows;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.contract.indicator.IndicatorName;
import dev.indicators.streams.totals.UnknownIndicatorException;
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
        List<Target> out = new ArrayList<>();
        CsvRows.read(reader, source, COLUMNS, String.join(",", COLUMNS), (row, where) -> out.add(target(row, where, regions)));
        return List.copyOf(out);
    }

    private static Target target(Map<String, String> row, String where, RegionTable regions) {
        String region = field(row, "region", where);
        if (!regions.contains(region)) throw bad(where, "region", region, "not a code of the region table");
        String indicatorText = field(row, "indicator", where);
        IndicatorName indicator;
        try {
            indicator = UnknownIndicatorException.parse(indicatorText);
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
        return new Target(region, indicator.text(), kind, comparison, threshold, CsvRows.optional(row, "source"));
    }

    private static String field(Map<String, String> row, String name, String where) {
        return CsvRows.required(row, name, where);
    }

    private static IllegalArgumentException bad(String where, String field, String value, String why) {
        return CsvRows.bad(where, field, value, "is " + why);
    }
}
