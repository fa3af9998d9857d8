package dev.indicators.app.report;

import dev.indicators.app.report.AnnualReport.Check;
import dev.indicators.app.report.AnnualReport.Status;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The identities a rule-of-law statistics table must satisfy, checked on one region's figures (computed or published),
 * each giving holds / fails with the figures that show it. An identity is checked only where every figure it needs is
 * there (published reports often leave some out).
 */
final class Reconciliation {

    static final String OUTCOMES = "the outcomes sum to concluded";
    static final String DISPOSITIONS = "applied = accepted + rejected + correction requested";
    static final String RATES = "rates lie in 0..1";
    static final String PARENT = "a parent equals the sum of its children";
    static final String PUBLISHED_RATE = "a published rate comes from whole counts";

    private static final Pattern RATE_IN_NOTE = Pattern.compile("success rate[^0-9]*([0-9]+(?:\\.[0-9]+)?)\\s*%");

    private Reconciliation() {
    }

    /** The identities of one region's figures ({@code figures}: indicator to value; absent when not known). */
    static List<Check> of(String region, String basis, Map<String, Double> figures, List<String> vocabulary) {
        List<Check> out = new ArrayList<>();
        Function<String, Double> f = figures::get;
        List<String> outcomes = vocabulary.stream().filter(i -> i.startsWith("reconsideration.outcome.")).toList();
        Double concluded = f.apply("reconsideration.concluded");
        List<String> outcomesKnown = outcomes.stream().filter(figures::containsKey).toList();
        if (concluded != null && !outcomesKnown.isEmpty()) {
            double sum = outcomesKnown.stream().mapToDouble(figures::get).sum();
            String terms = outcomesKnown.stream().filter(o -> figures.get(o) != 0).map(o -> n(figures.get(o)) + " " + o.substring(o.lastIndexOf('.') + 1))
                    .reduce((a, b) -> a + " + " + b).orElse("0");
            out.add(new Check(OUTCOMES, region, basis, status(sum == concluded),
                    terms + " = " + n(sum) + (sum == concluded ? " = " : " ≠ ") + "concluded " + n(concluded)));
        }
        Double applied = f.apply("reconsideration.applied");
        Double accepted = f.apply("reconsideration.accepted");
        Double rejected = f.apply("reconsideration.rejected");
        Double correction = f.apply("reconsideration.correction_requested");
        if (applied != null && accepted != null && rejected != null && correction != null) {
            double sum = accepted + rejected + correction;
            out.add(new Check(DISPOSITIONS, region, basis, status(sum == applied),
                    "applied " + n(applied) + (sum == applied ? " = " : " ≠ ") + n(accepted) + " + " + n(rejected) + " + " + n(correction)
                            + (sum == applied ? "" : " = " + n(sum) + " (" + n(applied - sum) + " without a disposition)")));
        }
        List<String> rates = figures.keySet().stream().filter(i -> i.endsWith("_rate")).sorted().toList();
        if (!rates.isEmpty()) {
            List<String> outside = rates.stream().filter(r -> figures.get(r) < 0 || figures.get(r) > 1).toList();
            out.add(new Check(RATES, region, basis, status(outside.isEmpty()), rates.stream()
                    .map(r -> r + " " + pct(figures.get(r))).reduce((a, b) -> a + ", " + b).orElse("")));
        }
        return out;
    }

    /** Parent = sum of children, for each count (not rate) the parent or a child has. */
    static List<Check> parentAndChildren(String parent, Map<String, Double> parentFigures, List<Map<String, Double>> children,
                                         List<String> counts) {
        List<Check> out = new ArrayList<>();
        for (String indicator : counts) {
            double own = parentFigures.getOrDefault(indicator, 0.0);
            double sum = children.stream().mapToDouble(c -> c.getOrDefault(indicator, 0.0)).sum();
            if (own == 0 && sum == 0) continue;
            out.add(new Check(PARENT, parent, "computed", status(own == sum), indicator + ": " + n(own) + (own == sum ? " = " : " ≠ ")
                    + "sum of " + children.size() + " sub-regions " + n(sum) + (own == sum ? "" : " (" + n(own - sum) + " counted at " + parent + " itself)")));
        }
        return out;
    }

    /**
     * Whether each published success rate (a row, or a rate in a figure's note such as "success rate 95.5%") can come
     * from whole counts: some whole number of successes out of the published denominator must round to it.
     */
    static List<Check> publishedRates(String region, List<PublishedFigure> published) {
        List<Check> out = new ArrayList<>();
        Map<String, PublishedFigure> byIndicator = new java.util.HashMap<>();
        published.forEach(p -> byIndicator.putIfAbsent(p.indicator(), p));
        PublishedFigure rate = byIndicator.get("mediation.success_rate");
        BigDecimal percent = rate == null ? null : (rate.isPercent() ? rate.value() : rate.value().movePointRight(2));
        if (percent == null) {
            for (PublishedFigure p : published) {
                Matcher m = RATE_IN_NOTE.matcher(p.note());
                if (p.indicator().startsWith("mediation.") && m.find()) {
                    percent = new BigDecimal(m.group(1));
                    break;
                }
            }
        }
        if (percent == null) return out;
        PublishedFigure succeeded = byIndicator.get("mediation.succeeded");
        PublishedFigure failed = byIndicator.get("mediation.failed");
        PublishedFigure received = byIndicator.get("mediation.received");
        long denominator;
        String of;
        if (succeeded != null && failed != null) {
            denominator = succeeded.value().longValue() + failed.value().longValue();
            of = "succeeded + failed";
        } else if (received != null) {
            denominator = received.value().longValue();
            of = "received";
        } else {
            return out;
        }
        if (denominator <= 0) return out;
        int scale = Math.max(0, percent.scale());
        BigDecimal half = BigDecimal.ONE.movePointLeft(scale).divide(BigDecimal.valueOf(2));
        long low = percent.subtract(half).multiply(BigDecimal.valueOf(denominator)).divide(BigDecimal.valueOf(100), 6, RoundingMode.CEILING)
                .setScale(0, RoundingMode.CEILING).longValue();
        long high = percent.add(half).multiply(BigDecimal.valueOf(denominator)).divide(BigDecimal.valueOf(100), 6, RoundingMode.FLOOR)
                .setScale(0, RoundingMode.FLOOR).longValue();
        boolean possible = low <= high && high >= 0 && low <= denominator;
        StringBuilder figures = new StringBuilder(percent.toPlainString() + " % of " + n(denominator) + " (" + of + "): ");
        if (succeeded != null) {
            double exact = 100.0 * succeeded.value().doubleValue() / denominator;
            boolean rounds = BigDecimal.valueOf(exact).setScale(scale, RoundingMode.HALF_UP).compareTo(percent.setScale(scale, RoundingMode.HALF_UP)) == 0;
            possible = possible && rounds;
            figures.append(n(succeeded.value().doubleValue())).append(" succeeded gives ").append(String.format(Locale.ROOT, "%.2f %%", exact));
        } else if (low <= high) {
            figures.append(n(low)).append(" successes give ").append(String.format(Locale.ROOT, "%.2f %%", 100.0 * low / denominator));
        } else {
            figures.append("no whole number does: ").append(n(high)).append(" gives ").append(String.format(Locale.ROOT, "%.2f %%", 100.0 * high / denominator))
                    .append(", ").append(n(high + 1)).append(" gives ").append(String.format(Locale.ROOT, "%.2f %%", 100.0 * (high + 1) / denominator));
        }
        out.add(new Check(PUBLISHED_RATE, region, "published", status(possible), figures.toString()));
        return out;
    }

    private static Status status(boolean holds) {
        return holds ? Status.HOLDS : Status.FAILS;
    }

    static String n(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return NumberFormat.getIntegerInstance(Locale.US).format((long) v);
        return String.format(Locale.ROOT, "%.4f", v);
    }

    static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.2f %%", 100 * fraction);
    }
}
