package dev.indicators.streams.totals;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A period of the Asia/Shanghai calendar an indicator is counted over. Written as {@code day:2017-03-02},
 * {@code month:2017-03}, {@code quarter:2017Q1}, {@code year:2017}, {@code trailing:30d} or {@code all}; the text is
 * the canonical form used in store keys, totals-topic keys and query answers.
 *
 * <p>Calendar periods have fixed bounds ({@link #start()}, {@link #end()}, inclusive). A trailing period is the last
 * {@link #trailingDays()} calendar days ending today (today included), so its bounds depend on the day it is read;
 * {@code all} has no bounds.
 */
public record Period(PeriodKind kind, LocalDate start, LocalDate end, int trailingDays) {

    /** The longest trailing window a query may ask for (ten years). */
    public static final int MAX_TRAILING_DAYS = 3660;
    /** The trailing windows published to the totals topic. */
    public static final List<Integer> PUBLISHED_TRAILING_DAYS = List.of(7, 30, 365);
    public static final Period ALL = new Period(PeriodKind.ALL, null, null, 0);

    private static final Pattern TRAILING = Pattern.compile("(\\d{1,5})d");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})[qQ]([1-4])");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    public static Period day(LocalDate day) {
        return new Period(PeriodKind.DAY, day, day, 0);
    }

    public static Period month(YearMonth month) {
        return new Period(PeriodKind.MONTH, month.atDay(1), month.atEndOfMonth(), 0);
    }

    public static Period quarterOf(LocalDate day) {
        int firstMonth = (day.getMonthValue() - 1) / 3 * 3 + 1;
        LocalDate start = LocalDate.of(day.getYear(), firstMonth, 1);
        return new Period(PeriodKind.QUARTER, start, start.plusMonths(3).minusDays(1), 0);
    }

    public static Period year(int year) {
        return new Period(PeriodKind.YEAR, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), 0);
    }

    public static Period trailing(int days) {
        if (days < 1 || days > MAX_TRAILING_DAYS) {
            throw new InvalidPeriodException("trailing:" + days + "d", "a trailing window is 1 to " + MAX_TRAILING_DAYS + " days");
        }
        return new Period(PeriodKind.TRAILING, null, null, days);
    }

    /** Reads a period text; throws {@link InvalidPeriodException} naming the text and the problem. */
    public static Period parse(String text) {
        if (text == null || text.isBlank()) throw new InvalidPeriodException(String.valueOf(text), "a period is required");
        String t = text.trim();
        if (t.equalsIgnoreCase("all")) return ALL;
        int colon = t.indexOf(':');
        if (colon < 0) throw new InvalidPeriodException(text, "missing the kind before ':'");
        String kind = t.substring(0, colon).toLowerCase(Locale.ROOT);
        String value = t.substring(colon + 1).trim();
        try {
            switch (kind) {
                case "day" -> {
                    if (!DAY.matcher(value).matches()) throw new InvalidPeriodException(text, "a day is written yyyy-MM-dd");
                    return day(LocalDate.parse(value));
                }
                case "month" -> {
                    if (!MONTH.matcher(value).matches()) throw new InvalidPeriodException(text, "a month is written yyyy-MM");
                    return month(YearMonth.parse(value));
                }
                case "quarter" -> {
                    Matcher m = QUARTER.matcher(value);
                    if (!m.matches()) throw new InvalidPeriodException(text, "a quarter is written yyyyQn with n from 1 to 4");
                    return quarterOf(LocalDate.of(Integer.parseInt(m.group(1)), (Integer.parseInt(m.group(2)) - 1) * 3 + 1, 1));
                }
                case "year" -> {
                    if (!YEAR.matcher(value).matches()) throw new InvalidPeriodException(text, "a year is written with four digits");
                    return year(Integer.parseInt(value));
                }
                case "trailing" -> {
                    Matcher m = TRAILING.matcher(value.toLowerCase(Locale.ROOT));
                    if (!m.matches()) throw new InvalidPeriodException(text, "a trailing window is written as a number of days, e.g. trailing:30d");
                    int days = Integer.parseInt(m.group(1));
                    if (days < 1 || days > MAX_TRAILING_DAYS) {
                        throw new InvalidPeriodException(text, "a trailing window is 1 to " + MAX_TRAILING_DAYS + " days");
                    }
                    return trailing(days);
                }
                default -> throw new InvalidPeriodException(text, "unknown period kind '" + kind + "'");
            }
        } catch (DateTimeException e) {
            throw new InvalidPeriodException(text, "not a calendar date (" + e.getMessage() + ")");
        }
    }

    /** The canonical text, e.g. {@code quarter:2017Q1}. */
    public String text() {
        return switch (kind) {
            case DAY -> "day:" + start;
            case MONTH -> "month:" + YearMonth.from(start);
            case QUARTER -> "quarter:" + start.getYear() + "Q" + ((start.getMonthValue() - 1) / 3 + 1);
            case YEAR -> "year:" + start.getYear();
            case TRAILING -> "trailing:" + trailingDays + "d";
            case ALL -> "all";
        };
    }

    /** The first day counted when read on {@code today}; {@code null} for all time. */
    public LocalDate firstDay(LocalDate today) {
        return switch (kind) {
            case TRAILING -> today.minusDays(trailingDays - 1L);
            case ALL -> null;
            default -> start;
        };
    }

    /** The last day counted when read on {@code today}: the calendar end, or today for trailing windows and all time. */
    public LocalDate lastDay(LocalDate today) {
        return kind.calendar() ? end : today;
    }

    @Override
    public String toString() {
        return text();
    }
}
