package dev.indicators.streams.aggregate;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The publication cycle's length: the set cycle while keeping up, a quarter of the backlog's age while behind, at most the longest")
class PublicationCycleLengthTest {

    @Test
    void keepingUpUsesTheSetCycle() {
        assertThat(TotalsProcessor.cycleMillis(250, 30_000, 0)).isEqualTo(250);
        assertThat(TotalsProcessor.cycleMillis(250, 30_000, 1_000)).isEqualTo(250);
    }

    @Test
    void behindStretchesToAQuarterOfHowFarBehind() {
        assertThat(TotalsProcessor.cycleMillis(250, 30_000, 4_000)).isEqualTo(1_000);
        assertThat(TotalsProcessor.cycleMillis(250, 30_000, 20_000)).isEqualTo(5_000);
        assertThat(TotalsProcessor.cycleMillis(250, 30_000, 119_996)).isEqualTo(29_999);
    }

    @Test
    void neverLongerThanTheLongestCycle() {
        assertThat(TotalsProcessor.cycleMillis(250, 30_000, 120_004)).isEqualTo(30_000);
        assertThat(TotalsProcessor.cycleMillis(250, 30_000, 3_600_000)).isEqualTo(30_000);
        assertThat(TotalsProcessor.cycleMillis(250, 250, 3_600_000)).isEqualTo(250);
    }
}
