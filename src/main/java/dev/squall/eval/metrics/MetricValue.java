package dev.squall.eval.metrics;

import dev.squall.SquallException;
import dev.squall.stats.Estimate;
import dev.squall.stats.Interval;
import java.util.Objects;

/**
 * One metric's value with its sample size and confidence interval.
 *
 * @param id which metric
 * @param value the point value
 * @param n the number of items it rests on
 * @param interval its confidence interval (method named inside)
 */
public record MetricValue(MetricId id, double value, int n, Interval interval) {
  public MetricValue {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(interval, "interval");
    if (n <= 0) {
      throw new SquallException("n must be > 0, was " + n);
    }
  }

  /** Wraps a statistics {@link Estimate} under a metric id. */
  public static MetricValue of(MetricId id, Estimate e) {
    return new MetricValue(id, e.value(), e.n(), e.interval());
  }
}
