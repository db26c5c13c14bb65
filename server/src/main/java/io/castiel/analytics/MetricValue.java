package io.castiel.analytics;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A metric's value now and, with {@code compareTo=previousPeriod}, in the period before:
 * {@code change} is {@code (value - previous) / |previous|} (0.25 is 25 % up), null when either
 * is null or {@code previous} is 0. {@code currency} is set when the measure is of a money field;
 * {@code period} and {@code previousPeriod} are the days covered, {@code end} exclusive.
 */
public record MetricValue(BigDecimal value, BigDecimal previous, BigDecimal change, String currency, String format, Range period,
        Range previousPeriod) {

    /** Days {@code start} (inclusive) to {@code end} (exclusive). */
    public record Range(LocalDate start, LocalDate end) {
    }
}
