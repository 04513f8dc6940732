package dev.squall.stats;

import dev.squall.SquallException;
import java.util.Objects;

/**
 * A two-sided confidence interval.
 *
 * @param lower lower bound (finite, at most {@code upper})
 * @param upper upper bound
 * @param level nominal coverage in (0, 1), e.g. 0.95
 * @param method how it was computed, e.g. {@code wilson}, {@code clopper-pearson}, {@code
 *     bootstrap-bca(B=2000,seed=7)}
 */
public record Interval(double lower, double upper, double level, String method) {
  public Interval {
    Objects.requireNonNull(method, "method");
    Checks.level(level);
    if (Double.isNaN(lower) || Double.isNaN(upper) || lower > upper) {
      throw new SquallException(
          "interval bounds must satisfy lower <= upper, was [" + lower + ", " + upper + "]");
    }
  }

  /** True when {@code value} lies within the closed interval. */
  public boolean contains(double value) {
    return value >= lower && value <= upper;
  }

  /** {@code upper - lower}. */
  public double width() {
    return upper - lower;
  }

  /** True when the whole interval lies strictly above {@code value}. */
  public boolean above(double value) {
    return lower > value;
  }

  /** True when the whole interval lies strictly below {@code value}. */
  public boolean below(double value) {
    return upper < value;
  }
}
