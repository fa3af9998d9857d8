package dev.indicators.testkit.recount;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One distinct event of a case as the recount reads it: where and when it happened, and the values of its type's
 * fields by their Avro names ({@code stage}, {@code outcome}, {@code headAppeared} ...). The recount reads fields by name
 * so that it needs no code per Avro class, only its own statement of each type's rules ({@link RecountRules}).
 */
public interface CaseStep {

    String region();

    long occurredAtMillis();

    /** The enum symbol of a field ({@code "CONCLUDED"}), or null when the event leaves it out. */
    String symbol(String field);

    /** Whether a boolean field is set and true. */
    boolean flag(String field);

    /** The day of the event in Asia/Shanghai: the day it counts on. */
    default LocalDate day() {
        return LocalDate.ofInstant(Instant.ofEpochMilli(occurredAtMillis()), Recount.CHINA);
    }
}
