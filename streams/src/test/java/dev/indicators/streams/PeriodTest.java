package dev.indicators.streams;

import dev.indicators.streams.totals.InvalidPeriodException;
import dev.indicators.streams.totals.Period;
import dev.indicators.streams.totals.PeriodKind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Period syntax")
class PeriodTest {

    @ParameterizedTest
    @CsvSource({
            "day:2017-03-02, day:2017-03-02, 2017-03-02, 2017-03-02",
            "month:2017-02, month:2017-02, 2017-02-01, 2017-02-28",
            "quarter:2017Q1, quarter:2017Q1, 2017-01-01, 2017-03-31",
            "quarter:2017q4, quarter:2017Q4, 2017-10-01, 2017-12-31",
            "year:2016, year:2016, 2016-01-01, 2016-12-31",
            "' DAY:2017-03-02 ', day:2017-03-02, 2017-03-02, 2017-03-02"})
    void calendar(String text, String canonical, LocalDate start, LocalDate end) {
        Period p = Period.parse(text);
        assertThat(p.text()).isEqualTo(canonical);
        assertThat(p.start()).isEqualTo(start);
        assertThat(p.end()).isEqualTo(end);
        assertThat(Period.parse(p.text())).isEqualTo(p);
    }

    @Test
    void trailingAndAll() {
        LocalDate today = LocalDate.of(2025, 6, 15);
        Period t = Period.parse("trailing:30d");
        assertThat(t.kind()).isEqualTo(PeriodKind.TRAILING);
        assertThat(t.firstDay(today)).isEqualTo(LocalDate.of(2025, 5, 17));
        assertThat(t.lastDay(today)).isEqualTo(today);
        assertThat(Period.parse("ALL")).isEqualTo(Period.ALL);
        assertThat(Period.ALL.firstDay(today)).isNull();
        assertThat(Period.ALL.lastDay(today)).isEqualTo(today);
    }

    @Test
    @DisplayName("a period prints as its canonical text")
    void printsAsItsText() {
        assertThat(Period.parse("quarter:2017q3")).hasToString("quarter:2017Q3");
        assertThat(Period.parse(" Trailing:30D ")).hasToString("trailing:30d");
    }

    @Test
    @DisplayName("a text that starts with ':' names an empty kind, which is no kind of period; a text without ':' lacks the kind")
    void emptyKind() {
        assertThatThrownBy(() -> Period.parse(":2017-03")).isInstanceOf(InvalidPeriodException.class)
                .hasMessageStartingWith("invalid period ':2017-03': unknown period kind ''");
        assertThatThrownBy(() -> Period.parse("2017-03")).isInstanceOf(InvalidPeriodException.class)
                .hasMessageStartingWith("invalid period '2017-03': missing the kind before ':'")
                .satisfies(e -> assertThat(((InvalidPeriodException) e).period()).isEqualTo("2017-03"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "day", "day:2017-3-2", "day:2017-02-30", "month:2017-13", "quarter:2017Q5", "year:17",
            "trailing:30", "trailing:0d", "trailing:9999d", "week:2017-10", "2017"})
    void invalid(String text) {
        assertThatThrownBy(() -> Period.parse(text)).isInstanceOf(InvalidPeriodException.class)
                .hasMessageContaining("invalid period '" + text + "'");
    }

    @ParameterizedTest
    @CsvSource({"2017-01-01, quarter:2017Q1", "2017-03-31, quarter:2017Q1", "2017-04-01, quarter:2017Q2",
            "2017-09-30, quarter:2017Q3", "2017-12-31, quarter:2017Q4"})
    @DisplayName("the quarter of a day starts on the first day of its quarter, up to the quarter's last day")
    void quarterOfADay(LocalDate day, String quarter) {
        assertThat(Period.quarterOf(day)).isEqualTo(Period.parse(quarter));
    }

    @Test
    @DisplayName("a trailing window is 1 to 3,660 days, written or built")
    void trailingBounds() {
        assertThat(Period.parse("trailing:1d").text()).isEqualTo("trailing:1d");
        assertThat(Period.parse("trailing:3660d").text()).isEqualTo("trailing:3660d");
        assertThat(Period.trailing(1).text()).isEqualTo("trailing:1d");
        assertThat(Period.trailing(3660).text()).isEqualTo("trailing:3660d");
        assertThatThrownBy(() -> Period.parse("trailing:0d")).isInstanceOf(InvalidPeriodException.class);
        assertThatThrownBy(() -> Period.parse("trailing:3661d")).isInstanceOf(InvalidPeriodException.class);
        assertThatThrownBy(() -> Period.trailing(0)).isInstanceOf(InvalidPeriodException.class);
        assertThatThrownBy(() -> Period.trailing(3661)).isInstanceOf(InvalidPeriodException.class);
    }
}
