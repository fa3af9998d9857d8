package dev.indicators.streams.totals;

/** A period text that {@link Period#parse(String)} cannot read. */
public class InvalidPeriodException extends InvalidTotalsRequestException {
    private final String period;

    public InvalidPeriodException(String period, String problem) {
        super("invalid period '" + period + "': " + problem
                + "; expected day:2017-03-02, month:2017-03, quarter:2017Q1, year:2017, trailing:30d or all");
        this.period = period;
    }

    public String period() {
        return period;
    }
}
