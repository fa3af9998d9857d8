package dev.indicators.streams.region;

import dev.indicators.contract.region.RegionTable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A region table file may list its rows in any order (INDICATORS_REGIONS_FILE is edited by hand): a county before its
 * city and province, provinces out of code order. Roll-up and the region tree must not depend on that order.
 */
@DisplayName("Region table order: lineages and the region tree do not depend on the order of the file's rows")
class RegionTableOrderSpec {

    /** Qingpu before its parents, Jiangsu before Shanghai. */
    private static final RegionTable COUNTIES_FIRST = RegionTable.read(new StringReader("""
            code,name_zh,name_en,level,parent_code
            320102,玄武区,Xuanwu,county,320100
            310118,青浦区,Qingpu,county,310100
            310101,黄浦区,Huangpu,county,310100
            320100,南京市,Nanjing,city,320000
            310100,市辖区,Shanghai districts,city,310000
            320000,江苏省,Jiangsu,province,
            310000,上海市,Shanghai,province,
            """), "counties-first.csv");

    private static List<String> lineage(RegionIndex index, String code) {
        return Arrays.stream(index.lineage(index.indexOf(code))).mapToObj(index::code).toList();
    }

    @Test
    @DisplayName("a county listed before its parents rolls up to its city, its province and the nation")
    void lineageOfACountyListedFirst() {
        RegionIndex index = new RegionIndex(COUNTIES_FIRST);

        assertThat(lineage(index, "310118")).containsExactly("310118", "310100", "310000", "000000");
        assertThat(lineage(index, "320102")).containsExactly("320102", "320100", "320000", "000000");
        assertThat(lineage(index, "310100")).containsExactly("310100", "310000", "000000");
        assertThat(index.level(index.indexOf("310100"))).isEqualTo("city");
        assertThat(index.routingKey("310118")).isEqualTo("310000");
        assertThat(index.routingKey("000000")).isEqualTo("000000");
    }

    @Test
    @DisplayName("a code outside the table has no index: it has no lineage to roll up along")
    void codeOutsideTheTable() {
        RegionIndex index = new RegionIndex(COUNTIES_FIRST);
        assertThatThrownBy(() -> index.indexOf("330100")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown region code 330100");
        assertThat(index.codes()).hasSize(8).doesNotContain("330100");
    }

    @Test
    @DisplayName("the region tree lists each region's children by code, whatever the order of the file")
    void treeInCodeOrder() {
        RegionNode nation = RegionNode.of(COUNTIES_FIRST, COUNTIES_FIRST.get(dev.indicators.contract.region.RegionCode.NATION));

        assertThat(nation.children()).extracting(RegionNode::code).containsExactly("310000", "320000");
        RegionNode shanghaiDistricts = nation.children().get(0).children().get(0);
        assertThat(shanghaiDistricts.nameEn()).isEqualTo("Shanghai districts");
        assertThat(shanghaiDistricts.children()).extracting(RegionNode::code).containsExactly("310101", "310118");
    }
}
