package dev.indicators.contract.cases;

import dev.indicators.contract.indicator.IndicatorName;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What one case counts for: each {@link CaseCount} with its multiplicity (1 for a flow; for the stock
 * {@code certificates.active}, +1 on the day the certificate became active and -1 on the day it stopped being).
 */
public final class CaseCounts {

    private final Map<CaseCount, Integer> counts = new LinkedHashMap<>();

    public CaseCounts add(String regionCode, IndicatorName indicator, LocalDate day, int n) {
        if (n != 0) counts.merge(new CaseCount(regionCode, indicator, day), n, Integer::sum);
        counts.remove(new CaseCount(regionCode, indicator, day), 0);
        return this;
    }

    public CaseCounts add(String regionCode, IndicatorName indicator, LocalDate day) {
        return add(regionCode, indicator, day, 1);
    }

    public Map<CaseCount, Integer> asMap() {
        return Collections.unmodifiableMap(counts);
    }

    /** What changes from {@code before} to {@code after}: the non-zero differences. */
    public static Map<CaseCount, Integer> difference(CaseCounts before, CaseCounts after) {
        Set<CaseCount> keys = new LinkedHashSet<>(before.counts.keySet());
        keys.addAll(after.counts.keySet());
        Map<CaseCount, Integer> diff = new LinkedHashMap<>();
        for (CaseCount k : keys) {
            int d = after.counts.getOrDefault(k, 0) - before.counts.getOrDefault(k, 0);
            if (d != 0) diff.put(k, d);
        }
        return diff;
    }

    @Override
    public String toString() {
        return counts.toString();
    }
}
