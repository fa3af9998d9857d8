package dev.indicators.contract.indicator;

/** How an indicator's value for a period is obtained. */
public enum IndicatorKind {
    /** A flow: how many cases reached the state during the period (dated by the event that set it). */
    COUNT,
    /** A stock: how many cases are in the state at the end of the period. */
    STOCK,
    /** A ratio of two sums of counts over the same period, computed on read, never stored. */
    RATE
}
