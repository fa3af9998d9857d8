package dev.indicators.streams.totals;

import dev.indicators.contract.indicator.IndicatorName;

/** An indicator name that is not one of {@link IndicatorName}. */
public class UnknownIndicatorException extends InvalidTotalsRequestException {
    private final String indicator;

    public UnknownIndicatorException(String indicator) {
        super("unknown indicator '" + indicator + "'; known indicators: " + String.join(", ", IndicatorName.allTexts()));
        this.indicator = indicator;
    }

    /** The indicator named by {@code text}, e.g. {@code mediation.succeeded}; throws this exception for an unknown name. */
    public static IndicatorName parse(String text) {
        return IndicatorName.find(text).orElseThrow(() -> new UnknownIndicatorException(text));
    }

    public String indicator() {
        return indicator;
    }
}
