package dev.indicators.producer.simulate;

import dev.indicators.contract.region.Region;
import dev.indicators.contract.region.RegionLevel;
import dev.indicators.contract.region.RegionTable;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A SYNTHETIC region table for benchmarks, which need a given number of counties (more than the 2,975 real ones of the bundled table).
 * It keeps every real row of the bundled table and adds the 31 real provinces, then invented cities
 * ({@code PPCC00}) and counties ({@code PPCCNN}) under them, in proportion to each province's real number of
 * county-level divisions. Invented rows are named {@code 合成市/合成县 <code>} and {@code Synthetic city/county <code>}:
 * their codes are plausible in form but are not the real GB/T 2260 codes and must never be shown as real places.
 * The streams side must validate against the same table: write it with {@link #write} and point
 * INDICATORS_REGIONS_FILE at it.
 */
public final class SyntheticRegions {

    /** code, Chinese name, English name, prefecture-level divisions, county-level divisions (approximate, recent years). */
    private static final Object[][] PROVINCES = {
            {"110000", "北京市", "Beijing", 1, 16}, {"120000", "天津市", "Tianjin", 1, 16}, {"130000", "河北省", "Hebei", 11, 167},
            {"140000", "山西省", "Shanxi", 11, 117}, {"150000", "内蒙古自治区", "Inner Mongolia", 12, 103}, {"210000", "辽宁省", "Liaoning", 14, 100},
            {"220000", "吉林省", "Jilin", 9, 60}, {"230000", "黑龙江省", "Heilongjiang", 13, 121}, {"310000", "上海市", "Shanghai", 1, 16},
            {"320000", "江苏省", "Jiangsu", 13, 95}, {"330000", "浙江省", "Zhejiang", 11, 90}, {"340000", "安徽省", "Anhui", 16, 104},
            {"350000", "福建省", "Fujian", 9, 84}, {"360000", "江西省", "Jiangxi", 11, 100}, {"370000", "山东省", "Shandong", 16, 136},
            {"410000", "河南省", "Henan", 17, 157}, {"420000", "湖北省", "Hubei", 13, 103}, {"430000", "湖南省", "Hunan", 14, 122},
            {"440000", "广东省", "Guangdong", 21, 122}, {"450000", "广西壮族自治区", "Guangxi", 14, 111}, {"460000", "海南省", "Hainan", 4, 25},
            {"500000", "重庆市", "Chongqing", 1, 38}, {"510000", "四川省", "Sichuan", 21, 183}, {"520000", "贵州省", "Guizhou", 9, 88},
            {"530000", "云南省", "Yunnan", 16, 129}, {"540000", "西藏自治区", "Tibet", 7, 74}, {"610000", "陕西省", "Shaanxi", 10, 107},
            {"620000", "甘肃省", "Gansu", 14, 86}, {"630000", "青海省", "Qinghai", 8, 44}, {"640000", "宁夏回族自治区", "Ningxia", 5, 22},
            {"650000", "新疆维吾尔自治区", "Xinjiang", 14, 106}};

    private SyntheticRegions() {
    }

    /**
     * A table with {@code counties} county-level regions in all, the bundled real ones included (so never fewer than
     * the 2,975 real ones), as CSV.
     */
    public static String csv(int counties) {
        RegionTable real = RegionTable.bundled();
        Map<String, String> rows = new LinkedHashMap<>();
        int realCounties = 0;
        for (Region r : real.all()) {
            if (r.level() == RegionLevel.NATION) continue;
            rows.put(r.code().value(), row(r.code().value(), r.nameZh(), r.nameEn(), r.level().label(), r.parent().map(Object::toString).orElse("")));
            if (r.level() == RegionLevel.COUNTY) realCounties++;
        }
        int wanted = Math.max(0, counties - realCounties);
        int totalReal = 0;
        for (Object[] p : PROVINCES) totalReal += (int) p[4];
        // largest-remainder apportionment of the wanted counties to provinces
        int[] share = new int[PROVINCES.length];
        double[] rest = new double[PROVINCES.length];
        int given = 0;
        for (int i = 0; i < PROVINCES.length; i++) {
            double exact = (double) wanted * (int) PROVINCES[i][4] / totalReal;
            share[i] = (int) exact;
            rest[i] = exact - share[i];
            given += share[i];
        }
        while (given < wanted) {
            int best = 0;
            for (int i = 1; i < rest.length; i++) if (rest[i] > rest[best]) best = i;
            share[best]++;
            rest[best] = -1;
            given++;
        }
        for (int i = 0; i < PROVINCES.length; i++) {
            Object[] p = PROVINCES[i];
            String prov = (String) p[0];
            rows.putIfAbsent(prov, row(prov, (String) p[1], (String) p[2], "province", ""));
            int cities = (int) p[3];
            boolean municipality = cities == 1;
            int perCity = (int) Math.ceil((double) share[i] / cities);
            int left = share[i];
            for (int c = 1; c <= cities && left > 0; c++) {
                String city = prov.substring(0, 2) + String.format("%02d", c) + "00";
                rows.putIfAbsent(city, municipality
                        ? row(city, p[1] + "市辖区", p[2] + " districts", "city", prov)
                        : row(city, "合成市" + city, "Synthetic city " + city, "city", prov));
                int made = 0;
                for (int k = 1; k <= 99 && made < perCity && left > 0; k++) {
                    String county = city.substring(0, 4) + String.format("%02d", k);
                    if (rows.containsKey(county)) continue; // a real county of the bundled table
                    rows.put(county, row(county, "合成县" + county, "Synthetic county " + county, "county", city));
                    made++;
                    left--;
                }
            }
        }
        StringBuilder sb = new StringBuilder("code,name_zh,name_en,level,parent_code\n");
        rows.values().forEach(r -> sb.append(r).append('\n'));
        return sb.toString();
    }

    public static RegionTable generate(int counties) {
        return RegionTable.read(new StringReader(csv(counties)), "synthetic regions (" + counties + " counties)");
    }

    /** Writes the table for INDICATORS_REGIONS_FILE / --regions-file. */
    public static void write(int counties, Path file) {
        try {
            Files.writeString(file, csv(counties), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String row(String code, String zh, String en, String level, String parent) {
        return code + "," + zh + "," + en + "," + level + "," + parent;
    }
}
