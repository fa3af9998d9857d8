package dev.indicators.streams.query;

import dev.indicators.streams.totals.UnknownIndicatorException;
import dev.indicators.contract.region.Region;
import dev.indicators.contract.region.RegionCode;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.contract.validation.EventJson;
import dev.indicators.streams.aggregate.FigureReader;
import dev.indicators.streams.region.RegionIndex;
import dev.indicators.streams.region.RegionNode;
import dev.indicators.streams.totals.Figure;
import dev.indicators.contract.indicator.IndicatorName;
import dev.indicators.streams.totals.InvalidTotalsRequestException;
import dev.indicators.streams.totals.Period;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Java query API over the totals (the HTTP layer sits on top of it). Every answer is computed from the same cells
 * and rules as the published totals ({@link FigureReader}), including day totals, which only this API serves. Unknown regions, indicators, periods and malformed series bounds throw
 * subclasses of {@link InvalidTotalsRequestException} naming the culprit; a store that cannot be read now throws
 * {@link TotalsUnavailableException}. Trailing windows and all time end today, as of the given clock (Asia/Shanghai).
 */
public final class TotalsQuery {

    /** Longest series answered, in points. */
    public static final int MAX_SERIES_POINTS = 3700;

    private final RegionTable regions;
    private final RegionIndex index;
    private final TotalsSource source;
    private final Clock clock;

    public TotalsQuery(RegionTable regions, RegionIndex index, TotalsSource source, Clock clock) {
        this.regions = regions;
        this.index = index;
        this.source = source;
        this.clock = clock;
    }

    /** One value, e.g. {@code total("310118", "reconsideration.accepted", "year:2017")}. */
    public TotalValue total(String regionCode, String indicator, String period) {
        Region region = region(regionCode);
        IndicatorName name = UnknownIndicatorException.parse(indicator);
        Period p = Period.parse(period);
        return value(reader(), region, name, p, today());
    }

    /** All indicators of a region for a period, in the order of {@link IndicatorName}. */
    public List<TotalValue> totals(String regionCode, String period) {
        Region region = region(regionCode);
        Period p = Period.parse(period);
        FigureReader reader = reader();
        LocalDate today = today();
        return Arrays.stream(IndicatorName.values()).map(n -> value(reader, region, n, p, today)).toList();
    }

    /**
     * One value per day or month from {@code from} to {@code to}, both included. Bounds are days ({@code 2017-03-02})
     * or, with month granularity, months ({@code 2017-03}) or days (their month is used).
     */
    public List<TotalValue> series(String regionCode, String indicator, String from, String to, String granularity) {
        Region region = region(regionCode);
        IndicatorName name = UnknownIndicatorException.parse(indicator);
        Granularity g = Granularity.parse(granularity);
        return series(region, name, bound(from, g, "from", true), bound(to, g, "to", false), g);
    }

    public List<TotalValue> series(String regionCode, String indicator, LocalDate from, LocalDate to, Granularity granularity) {
        return series(region(regionCode), UnknownIndicatorException.parse(indicator), from, to, granularity);
    }

    private List<TotalValue> series(Region region, IndicatorName name, LocalDate from, LocalDate to, Granularity g) {
        if (from.isAfter(to)) throw new InvalidTotalsRequestException("series from " + from + " is after to " + to);
        List<Period> periods = new ArrayList<>();
        if (g == Granularity.DAY) {
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                periods.add(Period.day(d));
                if (periods.size() > MAX_SERIES_POINTS) throw tooLong(from, to);
            }
        } else {
            for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
                periods.add(Period.month(m));
                if (periods.size() > MAX_SERIES_POINTS) throw tooLong(from, to);
            }
        }
        FigureReader reader = reader();
        LocalDate today = today();
        return periods.stream().map(p -> value(reader, region, name, p, today)).toList();
    }

    /** The region tree from the nation down, as in the region table. */
    public RegionNode regionTree() {
        return RegionNode.of(regions, regions.get(RegionCode.NATION));
    }

    /** The names of every indicator. */
    public List<String> indicators() {
        return IndicatorName.allTexts();
    }

    private TotalValue value(FigureReader reader, Region region, IndicatorName name, Period period, LocalDate today) {
        Figure f = reader.figure(index.indexOf(region.code().value()), name, period, today);
        return new TotalValue(region.code().value(), region.level().label(), name.text(), period.text(), f.value(), f.numerator(), f.denominator());
    }

    private Region region(String code) {
        return regions.find(code == null ? null : code.trim()).orElseThrow(() -> new UnknownRegionException(code));
    }

    private FigureReader reader() {
        return new FigureReader(source.cells());
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), EventJson.CHINA);
    }

    private static LocalDate bound(String text, Granularity g, String name, boolean start) {
        if (text == null || text.isBlank()) throw new InvalidTotalsRequestException("series '" + name + "' is required");
        String t = text.trim();
        try {
            if (t.matches("\\d{4}-\\d{2}-\\d{2}")) return LocalDate.parse(t);
            if (g == Granularity.MONTH && t.matches("\\d{4}-\\d{2}")) {
                YearMonth m = YearMonth.parse(t);
                return start ? m.atDay(1) : m.atEndOfMonth();
            }
        } catch (DateTimeException e) {
            throw new InvalidTotalsRequestException("series '" + name + "' = '" + text + "' is not a calendar date");
        }
        throw new InvalidTotalsRequestException("series '" + name + "' = '" + text + "': expected yyyy-MM-dd"
                + (g == Granularity.MONTH ? " or yyyy-MM" : ""));
    }

    private static InvalidTotalsRequestException tooLong(LocalDate from, LocalDate to) {
        return new InvalidTotalsRequestException("series from " + from + " to " + to + " has more than " + MAX_SERIES_POINTS + " points");
    }
}
