package dev.indicators.contract.region;

import java.util.regex.Pattern;

/** A six-digit GB/T 2260 administrative division code, e.g. 310118 (Qingpu). */
public record RegionCode(String value) implements Comparable<RegionCode> {

    private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");
    public static final RegionCode NATION = new RegionCode("000000");

    public RegionCode {
        if (value == null || !SIX_DIGITS.matcher(value).matches()) {
            throw new IllegalArgumentException("region code '" + value + "' is not six digits (GB/T 2260)");
        }
    }

    public static boolean isWellFormed(String value) {
        return value != null && SIX_DIGITS.matcher(value).matches();
    }

    /** The parent the code's digits imply: a county's city (first four + 00), a city's province (first two + 0000), else the nation. */
    public RegionCode impliedParent() {
        return switch (RegionLevel.implied(value)) {
            case COUNTY -> new RegionCode(value.substring(0, 4) + "00");
            case CITY -> new RegionCode(value.substring(0, 2) + "0000");
            case PROVINCE, NATION -> NATION;
        };
    }

    @Override
    public int compareTo(RegionCode o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
