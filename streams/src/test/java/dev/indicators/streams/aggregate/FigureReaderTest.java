package dev.indicators.streams.aggregate;

import dev.indicators.contract.mediation.MediationIndicators;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.streams.region.RegionIndex;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A span of days (what a trailing window reads) is summed from whole months where it covers them and from day cells
 * at its ends. Each day below holds a different power of two, so a sum names exactly the days it took.
 */
@DisplayName("Figure reader: a span of days is the sum of exactly its days, from whole months and day cells at its ends")
class FigureReaderTest {

    private final RegionIndex regions = new RegionIndex(RegionTable.bundled());
    private final int qingpu = regions.indexOf("310118");
    private final int received = MediationIndicators.RECEIVED.ordinal();
    private final RegionTotals totals = new RegionTotals(regions);
    private final FigureReader reader = new FigureReader(totals);

    private static int day(String date) {
        return (int) LocalDate.parse(date).toEpochDay();
    }

    private void cells() {
        String[] days = {"2025-05-09", "2025-05-10", "2025-05-31", "2025-06-01", "2025-06-29", "2025-06-30", "2025-07-01", "2025-07-03", "2025-07-04"};
        long value = 1;
        for (String d : days) {
            totals.apply(qingpu, received, day(d), value);
            value *= 2;
        }
        // 1: 9 May, 2: 10 May, 4: 31 May, 8: 1 June, 16: 29 June, 32: 30 June, 64: 1 July, 128: 3 July, 256: 4 July
    }

    @Test
    @DisplayName("10 May to 3 July: the end of May by days, all of June as a month, the start of July by days; not 9 May, not 4 July")
    void spanOverThreeMonths() {
        cells();
        assertThat(reader.days(qingpu, received, day("2025-05-10"), day("2025-07-03"))).isEqualTo(2 + 4 + 8 + 16 + 32 + 64 + 128);
    }

    @Test
    @DisplayName("1 June to 1 July: June as a month, then the single first day of July")
    void spanEndingOnTheFirstOfAMonth() {
        cells();
        assertThat(reader.days(qingpu, received, day("2025-06-01"), day("2025-07-01"))).isEqualTo(8 + 16 + 32 + 64);
    }

    @Test
    @DisplayName("1 July to 3 July: from the first day of a month that goes on past the span, by days only")
    void spanFromTheFirstOfAMonthEndingWithinIt() {
        cells();
        assertThat(reader.days(qingpu, received, day("2025-07-01"), day("2025-07-03"))).isEqualTo(64 + 128);
    }

    @Test
    @DisplayName("a span of one day is that day's cell")
    void oneDay() {
        cells();
        assertThat(reader.days(qingpu, received, day("2025-06-30"), day("2025-06-30"))).isEqualTo(32);
    }
}
