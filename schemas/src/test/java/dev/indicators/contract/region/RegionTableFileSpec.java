package dev.indicators.contract.region;

import dev.indicators.contract.Settings;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A region table read from a file (INDICATORS_REGIONS_FILE) rather than the bundled one: levels as written or as the
 * code implies, the tree it builds, and what a lookup answers. A fresh table per test, so that the tree is built by
 * the code under test and not taken from the bundled table of an earlier test.
 */
@DisplayName("A region table read from a file names its regions' levels, parents and children")
class RegionTableFileSpec {

    private static final String TABLE = """
            code,name_zh,name_en,level,parent_code
            310000,上海市,Shanghai,province,
            310100,市辖区,Shanghai districts, City ,310000
            310118,青浦区,Qingpu,county,310100
            310101,黄浦区,Huangpu,COUNTY,310100
            320000,江苏省,Jiangsu,,
            320100,南京市,Nanjing,,
            320102,玄武区,Xuanwu,,
            """;

    private static RegionTable table() {
        return RegionTable.read(new StringReader(TABLE), "test.csv");
    }

    private static List<String> codes(List<Region> regions) {
        return regions.stream().map(r -> r.code().value()).toList();
    }

    @Test
    void the_table_holds_the_nation_and_each_row_once() {
        RegionTable t = table();
        assertThat(t.size()).isEqualTo(8);
        assertThat(t.all()).extracting(r -> r.code().toString())
                .containsExactly("000000", "310000", "310100", "310118", "310101", "320000", "320100", "320102");
    }

    @Test
    void a_level_is_read_whatever_its_case_and_spaces_and_otherwise_implied_by_the_code() {
        RegionTable t = table();
        assertThat(t.get(new RegionCode("310100")).level()).isEqualTo(RegionLevel.CITY);
        assertThat(t.get(new RegionCode("310101")).level()).isEqualTo(RegionLevel.COUNTY);
        assertThat(t.get(new RegionCode("320000")).level()).isEqualTo(RegionLevel.PROVINCE);
        assertThat(t.get(new RegionCode("320100")).level()).isEqualTo(RegionLevel.CITY);
        assertThat(t.get(new RegionCode("320102")).level()).isEqualTo(RegionLevel.COUNTY);
        assertThat(RegionLevel.implied("000000")).isEqualTo(RegionLevel.NATION);
        assertThat(RegionLevel.COUNTY.label()).isEqualTo("county");
        assertThat(RegionLevel.fromLabel(" Province ")).isEqualTo(RegionLevel.PROVINCE);
    }

    @Test
    void each_region_lists_its_children_in_the_order_of_the_file_and_the_list_cannot_change_the_table() {
        RegionTable t = table();
        assertThat(codes(t.children(RegionCode.NATION))).containsExactly("310000", "320000");
        assertThat(codes(t.children(new RegionCode("310000")))).containsExactly("310100");
        assertThat(codes(t.children(new RegionCode("310100")))).containsExactly("310118", "310101");
        assertThat(codes(t.children(new RegionCode("320100")))).containsExactly("320102");
        assertThat(t.children(new RegionCode("310118"))).isEmpty();
        assertThatThrownBy(() -> t.children(RegionCode.NATION).clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(codes(t.children(RegionCode.NATION))).containsExactly("310000", "320000");
    }

    @Test
    void a_row_whose_parent_code_the_table_lacks_hangs_under_the_nation() {
        // Hangzhou names Zhejiang 330000 as its parent, but the file has no row for Zhejiang: the table's parent_code
        // wins over the digits, and a parent it cannot find leaves the nation as the only ancestor
        RegionTable t = RegionTable.read(new StringReader(TABLE + "330100,杭州市,Hangzhou,city,330000\n"), "test.csv");
        Region hangzhou = t.get(new RegionCode("330100"));
        assertThat(t.parentOf(hangzhou)).get().extracting(r -> r.code().value()).isEqualTo("000000");
        assertThat(codes(t.lineage(new RegionCode("330100")))).containsExactly("330100", "000000");
        assertThat(codes(t.children(RegionCode.NATION))).containsExactly("310000", "320000", "330100");
    }

    @Test
    void a_region_is_found_by_a_well_formed_known_code_only() {
        RegionTable t = table();
        assertThat(t.find("310118")).get().extracting(Region::nameEn).isEqualTo("Qingpu");
        assertThat(t.find("999999")).isEmpty();
        assertThat(t.find("31011")).isEmpty();
        assertThat(t.find(null)).isEmpty();
        assertThatThrownBy(() -> t.get(new RegionCode("999999"))).hasMessage("unknown region code 999999");
    }

    @Test
    void region_codes_sort_by_their_digits() {
        TreeSet<RegionCode> sorted = new TreeSet<>(List.of(new RegionCode("320102"), new RegionCode("000000"), new RegionCode("310118")));
        assertThat(sorted).extracting(RegionCode::toString).containsExactly("000000", "310118", "320102");
    }

    @Test
    void INDICATORS_REGIONS_FILE_names_the_table_to_load_and_without_it_the_bundled_table_is_used(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("regions.csv");
        Files.writeString(file, TABLE, StandardCharsets.UTF_8);
        RegionTable loaded = RegionTable.fromSettings(Settings.of(Map.of(RegionTable.ENV_REGIONS_FILE, file.toString())));
        assertThat(loaded.size()).isEqualTo(8);
        assertThat(loaded.lineage(new RegionCode("310118"))).extracting(r -> r.code().value())
                .containsExactly("310118", "310100", "310000", "000000");
        assertThat(RegionTable.fromSettings(Settings.of(Map.of()))).isSameAs(RegionTable.bundled());
        assertThatThrownBy(() -> RegionTable.load(dir.resolve("missing.csv")))
                .hasMessageStartingWith("cannot read region table ").hasMessageContaining("missing.csv");
    }
}
