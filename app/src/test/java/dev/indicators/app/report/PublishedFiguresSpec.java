package dev.indicators.app.report;

import dev.indicators.contract.Settings;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Published figures: the format of published-figures.csv, the shipped file, and the rates they state")
class PublishedFiguresSpec {

    @Test
    void the_shipped_figures_are_read_with_their_notes_and_a_percentage_row_is_a_fraction_to_the_pipeline() {
        PublishedFigures shipped = PublishedFigures.fromSettings(Settings.of(Map.of()));
        assertThat(shipped.of("310118", 2017)).anySatisfy(f -> {
            assertThat(f.indicator()).isEqualTo("reconsideration.accepted");
            assertThat(f.value().intValue()).isEqualTo(79);
        });
        PublishedFigures typed = PublishedFigures.read(new StringReader("""
                region_code,year,indicator,value,unit,note
                140300,2019,mediation.success_rate,97.27,%,"published, as typed"
                """), "typed");
        PublishedFigure rate = typed.of("140300", 2019).get(0);
        assertThat(rate.pipelineValue()).isEqualTo(0.9727);
        assertThat(rate.note()).isEqualTo("published, as typed");
    }

    @Test
    void a_bad_row_is_refused_naming_the_line_the_field_and_the_value() {
        assertThatThrownBy(() -> PublishedFigures.read(new StringReader("region_code,year,indicator,value\n310118,2017,mediation.received,many\n"), "mine.csv"))
                .hasMessage("mine.csv line 2: value 'many' is not a number");
        assertThatThrownBy(() -> PublishedFigures.read(new StringReader("region_code,year,indicator\n310118,2017,x\n"), "mine.csv"))
                .hasMessageContaining("the header lacks [value]");
    }

    @Test
    void a_published_rate_that_no_whole_count_gives_fails_and_one_that_some_count_gives_holds() {
        List<AnnualReport.Check> yangquan = Reconciliation.publishedRates("140300", PublishedFigures.read(new StringReader("""
                region_code,year,indicator,value,unit,note
                140300,2019,mediation.received,3281,disputes,success rate published as 97.27%
                """), "yangquan").of("140300", 2019));
        assertThat(yangquan).singleElement().satisfies(c -> {
            assertThat(c.holds()).isFalse();
            assertThat(c.figures()).isEqualTo("97.27 % of 3,281 (received): no whole number does: 3,191 gives 97.26 %, 3,192 gives 97.29 %");
        });
        List<AnnualReport.Check> rounded = Reconciliation.publishedRates("140300", PublishedFigures.read(new StringReader("""
                region_code,year,indicator,value,unit,note
                140300,2019,mediation.received,3281,disputes,success rate 97.3%
                """), "rounded").of("140300", 2019));
        assertThat(rounded).singleElement().satisfies(c -> assertThat(c.holds()).isTrue());
    }
}
