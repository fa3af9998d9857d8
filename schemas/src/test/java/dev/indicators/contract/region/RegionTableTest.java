package dev.indicators.contract.region;

import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegionTableTest {

    private final RegionTable regions = RegionTable.bundled();

    @Test
    void qingpu_rolls_up_through_the_shanghai_districts_to_shanghai_and_the_nation() {
        assertThat(regions.lineage(new RegionCode("310118")))
                .extracting(r -> r.code().value())
                .containsExactly("310118", "310100", "310000", "000000");
    }

    @Test
    void a_city_rolls_up_to_its_province_and_the_nation() {
        assertThat(regions.lineage(new RegionCode("140300")))
                .extracting(r -> r.code().value(), Region::level)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("140300", RegionLevel.CITY),
                        org.assertj.core.groups.Tuple.tuple("140000", RegionLevel.PROVINCE),
                        org.assertj.core.groups.Tuple.tuple("000000", RegionLevel.NATION));
    }

    @Test
    void without_a_parent_column_the_digits_decide_and_missing_levels_are_skipped() {
        RegionTable t = RegionTable.read(new StringReader("""
                code,name_zh,name_en,level,parent_code
                320000,江苏省,Jiangsu,,
                320102,玄武区,Xuanwu,,
                """), "test");
        assertThat(t.lineage(new RegionCode("320102"))).extracting(r -> r.code().value())
                .containsExactly("320102", "320000", "000000");
        assertThat(t.get(new RegionCode("320102")).level()).isEqualTo(RegionLevel.COUNTY);
    }

    @Test
    void unknown_and_malformed_codes_are_not_contained() {
        assertThat(regions.contains("310118")).isTrue();
        assertThat(regions.contains("999999")).isFalse();
        assertThat(regions.contains("31011")).isFalse();
        assertThat(regions.contains(null)).isFalse();
    }

    @Test
    void a_bad_row_names_the_source_and_line() {
        assertThatThrownBy(() -> RegionTable.read(new StringReader("code,name_zh,name_en,level,parent_code\n12AB56,x,y,county,\n"), "fuller.csv"))
                .hasMessageContaining("fuller.csv line 2").hasMessageContaining("12AB56");
    }

    @Test
    void the_region_tree_lists_children() {
        assertThat(regions.children(new RegionCode("310100"))).extracting(r -> r.code().value()).contains("310118").hasSize(16);
        assertThat(regions.children(RegionCode.NATION)).extracting(r -> r.code().value())
                .contains("130000", "140000", "310000", "410000", "510000");
    }
}
