package dev.indicators.streams.aggregate;

import java.time.LocalDate;
import java.time.YearMonth;

/** Month numbers ({@code year * 12 + month - 1}) as the cells use them, and their days. */
final class Months {

    private Months() {
    }

    static int of(LocalDate day) {
        return day.getYear() * 12 + day.getMonthValue() - 1;
    }

    static int ofEpochDay(int epochDay) {
        return of(LocalDate.ofEpochDay(epochDay));
    }

    static int year(int month) {
        return Math.floorDiv(month, 12);
    }

    static YearMonth yearMonth(int month) {
        return YearMonth.of(year(month), Math.floorMod(month, 12) + 1);
    }

    static int firstEpochDay(int month) {
        return (int) yearMonth(month).atDay(1).toEpochDay();
    }

    static int lastEpochDay(int month) {
        return (int) yearMonth(month).atEndOfMonth().toEpochDay();
    }
}
