package dev.indicators.producer.simulate;

import dev.indicators.contract.region.Region;
import dev.indicators.contract.region.RegionCode;
import dev.indicators.contract.region.RegionLevel;
import dev.indicators.contract.region.RegionTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A synthetic table big enough for benchmarks, clearly labelled, keeping the real rows. */
class SyntheticRegionsTest {

    @TempDir
    Path dir;

    @Test
    void it_has_the_requested_number_of_counties_under_real_provinces_and_keeps_the_real_rows() {
        RegionTable t = SyntheticRegions.generate(3200);
        List<Region> counties = t.all().stream().filter(r -> r.level() == RegionLevel.COUNTY).toList();
        assertThat(counties).hasSize(3200);
        assertThat(t.find("310118")).hasValueSatisfying(r -> assertThat(r.nameZh()).isEqualTo("青浦区"));
        assertThat(t.find("410000")).hasValueSatisfying(r -> assertThat(r.nameEn()).isEqualTo("Henan"));
        assertThat(t.all().stream().filter(r -> r.level() == RegionLevel.PROVINCE)).hasSize(31);
        assertThat(CaseSimulator.caseRegions(t)).hasSizeGreaterThanOrEqualTo(3200);
    }

    @Test
    void invented_rows_say_they_are_synthetic_and_roll_up_by_their_digits() {
        RegionTable t = SyntheticRegions.generate(3200);
        RegionTable real = RegionTable.bundled();
        int invented = 0;
        for (Region r : t.all()) {
            if (r.level() == RegionLevel.COUNTY && !real.contains(r.code().value())) {
                invented++;
                assertThat(r.nameEn()).startsWith("Synthetic county ");
                assertThat(r.nameZh()).startsWith("合成县");
                List<Region> lineage = t.lineage(r.code());
                assertThat(lineage).extracting(Region::level).containsExactly(RegionLevel.COUNTY, RegionLevel.CITY, RegionLevel.PROVINCE, RegionLevel.NATION);
                assertThat(lineage.get(2).code().value()).isEqualTo(r.code().value().substring(0, 2) + "0000");
            }
        }
        assertThat(invented).as("invented counties beside the 2,975 real ones").isEqualTo(3200 - 2975);
        assertThat(t.lineage(new RegionCode("310118"))).extracting(x -> x.code().value()).containsExactly("310118", "310100", "310000", "000000");
    }

    @Test
    void it_can_be_written_for_the_streams_side_and_read_back() {
        Path f = dir.resolve("regions.csv");
        SyntheticRegions.write(3200, f);
        assertThat(RegionTable.load(f).size()).isEqualTo(SyntheticRegions.generate(3200).size());
    }
}
