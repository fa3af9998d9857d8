package dev.indicators.app.targets;

import dev.indicators.app.live.TotalChange;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.streams.totals.PeriodKind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Targets: read from a CSV file, evaluated as met / missed / no data, a flip announced once")
class TargetEvaluationSpec {

    private static final RegionTable REGIONS = RegionTable.bundled();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);

    private static List<Target> read(String csv) {
        return TargetsFile.read(new StringReader(csv), "targets.csv", REGIONS);
    }

    private static TotalChange rate(String region, String period, Long numerator, Long denominator) {
        Double value = denominator == null || denominator == 0 ? null : (double) numerator / denominator;
        return new TotalChange(region, "county", "mediation.success_rate", period, value, numerator, denominator, "2026-11-30T00:00:00Z");
    }

    @Test
    void a_percentage_threshold_is_a_fraction_and_a_quoted_source_may_hold_commas() {
        List<Target> targets = read("""
                region,indicator,period_kind,comparator,threshold,source
                511304,mediation.success_rate,year,>=,95%,"Jialing 2019 plan, section 3"
                310118,mediation.agreements,quarter,<,2000,
                """);
        assertThat(targets).containsExactly(
                new Target("511304", "mediation.success_rate", PeriodKind.YEAR, Comparison.AT_LEAST, 0.95, "Jialing 2019 plan, section 3"),
                new Target("310118", "mediation.agreements", PeriodKind.QUARTER, Comparison.LESS_THAN, 2000, ""));
    }

    @Test
    void a_bad_row_is_refused_naming_the_line_the_field_and_the_value() {
        String header = "region,indicator,period_kind,comparator,threshold,source\n";
        assertThatThrownBy(() -> read(header + "999999,mediation.success_rate,year,>=,95%,x\n"))
                .hasMessageContaining("line 2").hasMessageContaining("region '999999'");
        assertThatThrownBy(() -> read(header + "511304,mediation.happiness,year,>=,95%,x\n")).hasMessageContaining("indicator 'mediation.happiness'");
        assertThatThrownBy(() -> read(header + "511304,mediation.success_rate,week,>=,95%,x\n")).hasMessageContaining("period_kind 'week'");
        assertThatThrownBy(() -> read(header + "511304,mediation.success_rate,year,=>,95%,x\n")).hasMessageContaining("comparator '=>'");
        assertThatThrownBy(() -> read(header + "511304,mediation.success_rate,year,>=,most,x\n")).hasMessageContaining("threshold 'most'");
        assertThatThrownBy(() -> read("region,indicator\n511304,mediation.success_rate\n")).hasMessageContaining("header lacks");
    }

    @Test
    void the_shipped_example_holds_the_jialing_plan_and_targets_from_the_published_figures() {
        List<Target> example = TargetsFile.example(REGIONS);
        assertThat(example).anySatisfy(t -> {
            assertThat(t.region()).isEqualTo("511304");
            assertThat(t.indicator()).isEqualTo("mediation.success_rate");
            assertThat(t.threshold()).isEqualTo(0.95);
            assertThat(t.source()).contains("Jialing");
        });
        assertThat(example).extracting(Target::region).contains("310118", "140300");
    }

    @Test
    void a_rate_is_met_missed_or_without_data_when_nothing_was_concluded() {
        Target t = new Target("511304", "mediation.success_rate", PeriodKind.YEAR, Comparison.AT_LEAST, 0.95, "plan");
        assertThat(TargetStatus.of(t, 0.95)).isEqualTo(TargetStatus.MET);
        assertThat(TargetStatus.of(t, 0.9499)).isEqualTo(TargetStatus.MISSED);
        assertThat(TargetStatus.of(t, null)).isEqualTo(TargetStatus.NO_DATA);
        Target atMost = new Target("511304", "reconsideration.correction_rate", PeriodKind.YEAR, Comparison.AT_MOST, 0.2, "plan");
        assertThat(TargetStatus.of(atMost, 0.2)).isEqualTo(TargetStatus.MET);
        assertThat(TargetStatus.of(atMost, 0.21)).isEqualTo(TargetStatus.MISSED);
    }

    @Test
    void each_change_is_evaluated_and_only_a_flip_publishes_an_alert_with_the_status_before() {
        List<TargetAlert> published = new ArrayList<>();
        TargetWatch watch = new TargetWatch(read("""
                region,indicator,period_kind,comparator,threshold,source
                511304,mediation.success_rate,year,>=,95%,plan
                """), published::add, CLOCK);

        watch.accept(rate("511304", "year:2019", 0L, 0L));     // no data, as before: nothing to say
        watch.accept(rate("511304", "year:2019", 19L, 20L));   // 95 %: met
        watch.accept(rate("511304", "year:2019", 38L, 40L));   // still met
        watch.accept(rate("511304", "month:2019-03", 1L, 2L)); // a month: not this target's kind of period
        watch.accept(rate("310118", "year:2019", 1L, 2L));     // another region
        watch.accept(rate("511304", "year:2019", 38L, 41L));   // 92.7 %: missed
        watch.accept(rate("511304", "year:2020", 1L, 1L));     // another year: its own flip

        assertThat(published).extracting(a -> a.period() + " " + a.previousStatus().text() + " -> " + a.status().text())
                .containsExactly("year:2019 no data -> met", "year:2019 met -> missed", "year:2020 no data -> met");
        TargetAlert missed = published.get(1);
        assertThat(missed.key()).isEqualTo("511304|year:2019|mediation.success_rate>=0.95");
        assertThat(missed.numerator()).isEqualTo(38L);
        assertThat(missed.denominator()).isEqualTo(41L);
        assertThat(missed.threshold()).isEqualTo(0.95);
    }

    @Test
    void a_status_restored_from_earlier_alerts_is_not_announced_again() {
        List<TargetAlert> published = new ArrayList<>();
        TargetWatch watch = new TargetWatch(read("""
                region,indicator,period_kind,comparator,threshold,source
                511304,mediation.success_rate,year,>=,95%,plan
                """), published::add, CLOCK);
        watch.restore(List.of(new TargetAlert("511304|year:2019|mediation.success_rate>=0.95", "511304", "mediation.success_rate",
                "year:2019", ">=", 0.95, TargetStatus.MET, TargetStatus.NO_DATA, 1.0, 1L, 1L, "plan", null, null)));
        watch.accept(rate("511304", "year:2019", 20L, 20L));
        assertThat(published).isEmpty();
        assertThat(watch.recentAlerts("511304", 5)).hasSize(1);
    }
}
