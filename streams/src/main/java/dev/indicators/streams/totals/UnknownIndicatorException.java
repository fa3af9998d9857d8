package dev.indicators.streams.totals;

/** An indicator name that is not one of {@link IndicatorName}. */
public class UnknownIndicatorException extends InvalidTotalsRequestException {
    private final String indicator;

    public UnknownIndicatorException(String indicator) {
        super("unknown indicator '" + indicator + "'; known indicators: " + String.join(", ", IndicatorName.allTexts()));
        this.indicator = indicator;
    }

    public String indicator() {
        return indicator;
    }
}
