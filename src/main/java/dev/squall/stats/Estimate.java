package dev.squall.stats;

import dev.squall.SquallException;
import java.util.Objects;

/**
 * A point estimate with its sample size and confidence interval.
 *
 * @param value the point estimate
 * @param n the number of items it was computed from (for two-sample estimates, the total)
 * @param interval its confidence interval
 */
public record Estimate(double value, int n, Interval interval) {
  public Estimate {
    Objects.requireNonNull(interval, "interval");
    if (n <= 0) {
      throw new SquallException("n must be > 0, was " + n);
    }
  }
}
