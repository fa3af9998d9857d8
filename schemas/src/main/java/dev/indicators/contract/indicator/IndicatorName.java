package dev.indicators.contract.indicator;

import dev.indicators.contract.EventType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An indicator the pipeline counts, by the name the query API and the totals topic use
 * ({@code reconsideration.accepted}, {@code mediation.success_rate}, ...). Each event type's descriptor declares its
 * own ({@link dev.indicators.contract.EventDescriptor#indicators()}); the vocabulary is all of them, in the order of
 * {@link EventType}, and an indicator's {@link #ordinal()} is its place there. Ordinals key the streams app's stores,
 * so a new type appends its indicators after those of the types before it.
 */
public final class IndicatorName {

    /** The streams app packs an ordinal into 6 bits of its keys. */
    public static final int MAX_INDICATORS = 64;

    private final String text;
    private final IndicatorKind kind;
    private final List<IndicatorName> numerator;
    private final List<IndicatorName> denominator;
    /** Set once by the vocabulary's initialisation; read on every count, so a field rather than a map. */
    private int ordinal = -1;

    private IndicatorName(String text, IndicatorKind kind, List<IndicatorName> numerator, List<IndicatorName> denominator) {
        if (text == null || !text.matches("[a-z_]+(\\.[a-z_]+)+")) throw new IllegalArgumentException("not an indicator name: " + text);
        this.text = text;
        this.kind = kind;
        this.numerator = List.copyOf(numerator);
        this.denominator = List.copyOf(denominator);
    }

    /** A flow: how many cases reached a state during the period. */
    public static IndicatorName count(String text) {
        return new IndicatorName(text, IndicatorKind.COUNT, List.of(), List.of());
    }

    /** A stock: how many cases are in a state at the end of the period. */
    public static IndicatorName stock(String text) {
        return new IndicatorName(text, IndicatorKind.STOCK, List.of(), List.of());
    }

    /** A rate: the sum of {@code numerator} over the sum of {@code denominator}, both counts of the same period. */
    public static IndicatorName rate(String text, List<IndicatorName> numerator, List<IndicatorName> denominator) {
        if (numerator.isEmpty() || denominator.isEmpty()) throw new IllegalArgumentException(text + ": a rate needs a numerator and a denominator");
        for (IndicatorName n : numerator) if (n.kind != IndicatorKind.COUNT) throw new IllegalArgumentException(text + ": " + n + " is not a count");
        for (IndicatorName n : denominator) if (n.kind != IndicatorKind.COUNT) throw new IllegalArgumentException(text + ": " + n + " is not a count");
        return new IndicatorName(text, IndicatorKind.RATE, numerator, denominator);
    }

    public String text() {
        return text;
    }

    public IndicatorKind kind() {
        return kind;
    }

    /** The place of this indicator in the vocabulary, from 0. */
    public int ordinal() {
        if (ordinal < 0 && Vocabulary.ALL.length > 0 && ordinal < 0) {
            // initialising the vocabulary sets every declared indicator's ordinal (and publishes it to this thread)
            throw new IllegalStateException(text + " is not declared by any event type's descriptor");
        }
        return ordinal;
    }

    /** For a rate: the counts summed into the numerator. Empty for counts and stocks. */
    public List<IndicatorName> numerator() {
        return numerator;
    }

    /** For a rate: the counts summed into the denominator. Empty for counts and stocks. */
    public List<IndicatorName> denominator() {
        return denominator;
    }

    /** The rates whose numerator or denominator includes this count. */
    public List<IndicatorName> ratesUsing() {
        return Vocabulary.RATES_USING.get(ordinal());
    }

    /** Every indicator of every event type, in ordinal order. */
    public static IndicatorName[] values() {
        return Vocabulary.ALL.clone();
    }

    /** The indicator named by {@code text}, e.g. {@code mediation.succeeded}. */
    public static Optional<IndicatorName> find(String text) {
        return Optional.ofNullable(text == null ? null : Vocabulary.BY_TEXT.get(text.trim()));
    }

    public static List<String> allTexts() {
        return Arrays.stream(Vocabulary.ALL).map(IndicatorName::text).toList();
    }

    @Override
    public String toString() {
        return text;
    }

    /** The indicators of all descriptors, computed once on first use (after every descriptor has declared its own). */
    private static final class Vocabulary {
        static final IndicatorName[] ALL;
        static final Map<IndicatorName, Integer> ORDINAL = new IdentityHashMap<>();
        static final Map<String, IndicatorName> BY_TEXT = new LinkedHashMap<>();
        static final List<List<IndicatorName>> RATES_USING = new ArrayList<>();

        static {
            List<IndicatorName> all = new ArrayList<>();
            for (EventType type : EventType.values()) {
                for (IndicatorName n : type.descriptor().indicators()) {
                    if (!n.text.startsWith(type.descriptor().indicatorPrefix() + ".")) {
                        throw new IllegalStateException(n + " does not start with " + type.descriptor().indicatorPrefix() + ".");
                    }
                    if (BY_TEXT.putIfAbsent(n.text, n) != null) throw new IllegalStateException(n + " is declared twice");
                    ORDINAL.put(n, all.size());
                    n.ordinal = all.size();
                    all.add(n);
                }
            }
            if (all.size() > MAX_INDICATORS) throw new IllegalStateException(all.size() + " indicators, at most " + MAX_INDICATORS);
            for (IndicatorName rate : all) {
                for (IndicatorName part : rate.numerator) require(part, rate);
                for (IndicatorName part : rate.denominator) require(part, rate);
            }
            ALL = all.toArray(IndicatorName[]::new);
            for (IndicatorName count : ALL) {
                RATES_USING.add(all.stream().filter(r -> r.kind == IndicatorKind.RATE
                        && (r.numerator.contains(count) || r.denominator.contains(count))).toList());
            }
        }

        private static void require(IndicatorName part, IndicatorName rate) {
            if (!ORDINAL.containsKey(part)) throw new IllegalStateException(rate + " uses " + part + ", which no descriptor declares");
        }
    }
}
