package dev.indicators.contract.region;

import java.util.Locale;

/** The four levels a total rolls up through: county → city → province → nation. */
public enum RegionLevel {
    NATION, PROVINCE, CITY, COUNTY;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RegionLevel fromLabel(String label) {
        return valueOf(label.trim().toUpperCase(Locale.ROOT));
    }

    /** The level a GB/T 2260 code implies by its zero suffix, for tables that do not say. */
    public static RegionLevel implied(String code) {
        if (code.equals(RegionCode.NATION.value())) return NATION;
        if (code.endsWith("0000")) return PROVINCE;
        if (code.endsWith("00")) return CITY;
        return COUNTY;
    }
}
