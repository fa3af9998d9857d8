package dev.indicators.app.report;

import dev.indicators.app.table.CsvRows;
import dev.indicators.contract.Settings;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Figures regions published, read from a CSV in the format of the sample's {@code published-figures.csv}: the file
 * {@code INDICATORS_PUBLISHED_FIGURES_FILE} names, else the one shipped with the sample; a report request may bring
 * its own (POST). A bad row is refused naming the line, the field and the value.
 */
public final class PublishedFigures {

    public static final String ENV = "INDICATORS_PUBLISHED_FIGURES_FILE";
    /** The figures the sample is built from (producer's class path). */
    public static final String SHIPPED = "/sample/published-figures.csv";
    private static final List<String> COLUMNS = List.of("region_code", "year", "indicator", "value");

    private final List<PublishedFigure> figures;
    private final String source;

    private PublishedFigures(List<PublishedFigure> figures, String source) {
        this.figures = List.copyOf(figures);
        this.source = source;
    }

    public static PublishedFigures fromSettings(Settings settings) {
        String file = settings.find(ENV).map(String::trim).orElse("");
        if (file.equalsIgnoreCase("none")) return new PublishedFigures(List.of(), "none");
        if (!file.isEmpty()) {
            try (Reader r = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
                return read(r, file);
            } catch (IOException e) {
                throw new IllegalArgumentException(ENV + " '" + file + "' cannot be read: " + e.getMessage(), e);
            }
        }
        try (InputStream in = PublishedFigures.class.getResourceAsStream(SHIPPED)) {
            if (in == null) return new PublishedFigures(List.of(), "none");
            return read(new InputStreamReader(in, StandardCharsets.UTF_8), "the sample's published-figures.csv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PublishedFigures read(Reader reader, String source) {
        List<PublishedFigure> out = new ArrayList<>();
        CsvRows.read(reader, source, COLUMNS, "region_code,year,indicator,value,unit,note", (row, where) -> out.add(figure(row, where)));
        return new PublishedFigures(out, source);
    }

    private static PublishedFigure figure(Map<String, String> row, String where) {
        String region = required(row, "region_code", where);
        if (!region.matches("\\d{6}")) throw bad(where, "region_code", region, "is not a six-digit region code");
        String yearText = required(row, "year", where);
        if (!yearText.matches("\\d{4}")) throw bad(where, "year", yearText, "is not a four-digit year");
        String indicator = required(row, "indicator", where);
        String valueText = required(row, "value", where).replace(",", "");
        BigDecimal value;
        try {
            value = new BigDecimal(valueText);
        } catch (NumberFormatException e) {
            throw bad(where, "value", valueText, "is not a number");
        }
        return new PublishedFigure(region, Integer.parseInt(yearText), indicator, value, CsvRows.optional(row, "unit"), CsvRows.optional(row, "note"));
    }

    private static String required(Map<String, String> row, String name, String where) {
        return CsvRows.required(row, name, where);
    }

    private static IllegalArgumentException bad(String where, String field, String value, String why) {
        return CsvRows.bad(where, field, value, why);
    }

    public List<PublishedFigure> of(String region, int year) {
        return figures.stream().filter(f -> f.region().equals(region) && f.year() == year).toList();
    }

    public String source() {
        return source;
    }
}
