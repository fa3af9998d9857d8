package dev.indicators.streams.aggregate;

import dev.indicators.contract.certificate.CertificateIndicators;
import dev.indicators.contract.mediation.MediationIndicators;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.streams.region.RegionIndex;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The directory the query API reads the totals of this instance through: one {@link RegionTotals} per totals task.
 * A region's cells normally live in one task; while a task is handed over, two may hold cells of the same region, and
 * the view must still read them as one region (sums, the earliest first month, the latest last month).
 */
@DisplayName("Totals directory: the query API's view over every local totals task, and whether any holds unpublished changes")
class TotalsDirectoryTest {

    private final RegionIndex regions = new RegionIndex(RegionTable.bundled());
    private final int qingpu = regions.indexOf("310118");
    private final int shanghai = regions.indexOf("310000");
    private final int received = MediationIndicators.RECEIVED.ordinal();
    private final int active = CertificateIndicators.ACTIVE.ordinal();
    private final TotalsDirectory directory = new TotalsDirectory();

    private static int day(String date) {
        return (int) LocalDate.parse(date).toEpochDay();
    }

    private static int month(String date) {
        return Months.of(LocalDate.parse(date));
    }

    @Test
    @DisplayName("with no task registered, every cell reads 0 and no month holds a cell")
    void empty() {
        TotalsCells view = directory.view();
        assertThat(view.day(qingpu, received, day("2017-03-02"))).isZero();
        assertThat(view.month(qingpu, received, month("2017-03-02"))).isZero();
        assertThat(view.all(qingpu, received)).isZero();
        assertThat(view.firstMonth(qingpu, received)).isEqualTo(TotalsCells.NO_MONTH);
        assertThat(view.lastMonth(qingpu, received)).isEqualTo(TotalsCells.NO_MONTH);
        assertThat(view.hasMonth(qingpu, received, month("2017-03-02"))).isFalse();
        assertThat(directory.tasks()).isEmpty();
    }

    @Test
    @DisplayName("the cells of a region held by two tasks read as one: day, month and all time summed; the earliest first and the latest last month")
    void regionInTwoTasks() {
        RegionTotals a = new RegionTotals(regions);
        RegionTotals b = new RegionTotals(regions);
        a.apply(qingpu, received, day("2017-03-02"), 2);
        a.apply(qingpu, received, day("2017-05-10"), 1);
        b.apply(qingpu, received, day("2017-03-02"), 3);
        b.apply(qingpu, received, day("2017-01-20"), 1);
        b.apply(qingpu, received, day("2017-04-01"), 4);
        directory.register("1_0", a);
        directory.register("1_1", b);

        TotalsCells view = directory.view();
        assertThat(view.day(qingpu, received, day("2017-03-02"))).isEqualTo(5);
        assertThat(view.day(shanghai, received, day("2017-03-02"))).as("rolled up to the province").isEqualTo(5);
        assertThat(view.month(qingpu, received, month("2017-03-01"))).isEqualTo(5);
        assertThat(view.month(qingpu, received, month("2017-04-01"))).isEqualTo(4);
        assertThat(view.all(qingpu, received)).isEqualTo(11);
        assertThat(view.firstMonth(qingpu, received)).as("January, in the second task").isEqualTo(month("2017-01-20"));
        assertThat(view.lastMonth(qingpu, received)).as("May, in the first task").isEqualTo(month("2017-05-10"));
        assertThat(view.hasMonth(qingpu, received, month("2017-04-01"))).as("April, in the second task only").isTrue();
        assertThat(view.hasMonth(qingpu, received, month("2017-02-01"))).isFalse();
        assertThat(directory.tasks()).containsExactlyInAnyOrder("1_0", "1_1");
    }

    @Test
    @DisplayName("a task without cells of the region does not move its first or last month, in whichever order the tasks come")
    void regionInOneTaskOfTwo() {
        RegionTotals empty = new RegionTotals(regions);
        RegionTotals held = new RegionTotals(regions);
        held.apply(qingpu, active, day("2016-01-10"), 1);
        held.apply(qingpu, active, day("2017-08-01"), -1);
        directory.register("0_0", empty);
        directory.register("0_1", held);

        TotalsCells view = directory.view();
        assertThat(view.firstMonth(qingpu, active)).isEqualTo(month("2016-01-10"));
        assertThat(view.lastMonth(qingpu, active)).isEqualTo(month("2017-08-01"));
        assertThat(view.all(qingpu, active)).as("issued, then revoked").isZero();
        assertThat(view.hasMonth(qingpu, active, month("2017-08-01"))).as("a stock's month holding a change exists even at 0").isTrue();

        directory.unregister("0_1", held);
        assertThat(directory.view().firstMonth(qingpu, active)).isEqualTo(TotalsCells.NO_MONTH);
        assertThat(directory.tasks()).containsExactly("0_0");
    }

    @Test
    @DisplayName("a view reads the tasks registered when it was taken; a closed task's totals leave the directory")
    void registration() {
        RegionTotals a = new RegionTotals(regions);
        a.apply(qingpu, received, day("2017-03-02"), 1);
        directory.register("1_0", a);
        TotalsCells before = directory.view();
        directory.unregister("1_0", a);
        assertThat(before.all(qingpu, received)).isEqualTo(1);
        assertThat(directory.view().all(qingpu, received)).isZero();
        assertThat(directory.tasks()).isEmpty();
    }

    @Test
    @DisplayName("unpublished changes: a task says whether it holds some; the directory has some while any task has")
    void unpublished() {
        assertThat(directory.anyUnpublished()).isFalse();
        directory.unpublished("1_0", true);
        directory.unpublished("1_1", true);
        assertThat(directory.anyUnpublished()).isTrue();
        directory.unpublished("1_0", false);
        assertThat(directory.anyUnpublished()).as("1_1 still holds some").isTrue();
        directory.unpublished("1_1", false);
        assertThat(directory.anyUnpublished()).isFalse();
    }

    @Test
    @DisplayName("a closed task no longer holds anything unpublished here; a stale close of a task opened again since changes nothing")
    void unpublishedOfAClosedTask() {
        RegionTotals first = new RegionTotals(regions);
        RegionTotals reopened = new RegionTotals(regions);
        directory.register("1_0", first);
        directory.register("1_0", reopened); // the task came back before its old instance was closed
        directory.unpublished("1_0", true);

        directory.unregister("1_0", first);
        assertThat(directory.tasks()).containsExactly("1_0");
        assertThat(directory.anyUnpublished()).as("the reopened task still holds its unpublished changes").isTrue();

        directory.unregister("1_0", reopened);
        assertThat(directory.tasks()).isEmpty();
        assertThat(directory.anyUnpublished()).isFalse();
    }

    @Test
    @DisplayName("the directory says when the app is stopping (from then on every commit publishes)")
    void stopping() {
        assertThat(directory.isStopping()).isFalse();
        directory.stopping();
        assertThat(directory.isStopping()).isTrue();
    }
}
