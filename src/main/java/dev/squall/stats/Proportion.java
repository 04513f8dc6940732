package dev.squall.stats;

import dev.squall.SquallException;
import org.apache.commons.math3.distribution.BetaDistribution;

/**
 * A binomial proportion: {@code successes} out of {@code n} trials.
 *
 * <p>{@code successes} is a double so that half-credit ties (see the pairwise-accuracy tie policy)
 * can be counted; both interval formulas are applied to the fractional count unchanged, which for
 * integer counts gives the textbook intervals.
 *
 * @param successes number of successes, in [0, n]
 * @param n number of trials, > 0
 */
public record Proportion(double successes, long n) {
  public Proportion {
    if (n <= 0) {
      throw new SquallException("n must be > 0, was " + n);
    }
    if (!(successes >= 0 && successes <= n)) {
      throw new SquallException("successes must be in [0, n=" + n + "], was " + successes);
    }
  }

  /** The point estimate successes / n. */
  public double estimate() {
    return successes / n;
  }

  /**
   * The Wilson score interval (Wilson 1927): centre (p + z²/2n)/(1 + z²/n), half-width z/(1 +
   * z²/n)·√(p(1−p)/n + z²/4n²).
   */
  public Interval wilson(double level) {
    double z = Normal.z(level);
    double p = estimate();
    double z2 = z * z;
    double denom = 1 + z2 / n;
    double centre = (p + z2 / (2.0 * n)) / denom;
    double half = z / denom * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
    return new Interval(
        Math.max(0, centre - half), Math.min(1, centre + half), level, "wilson");
  }

  /**
   * The exact Clopper–Pearson interval: lower = Beta(x, n−x+1) quantile at α/2 (0 when x = 0),
   * upper = Beta(x+1, n−x) quantile at 1−α/2 (1 when x = n).
   */
  public Interval clopperPearson(double level) {
    Checks.level(level);
    double alpha = 1 - level;
    double x = successes;
    double lower = x <= 0 ? 0 : new BetaDistribution(null, x, n - x + 1)
        .inverseCumulativeProbability(alpha / 2);
    double upper = x >= n ? 1 : new BetaDistribution(null, x + 1, n - x)
        .inverseCumulativeProbability(1 - alpha / 2);
    return new Interval(lower, upper, level, "clopper-pearson");
  }

  /** The estimate with its Wilson interval. */
  public Estimate wilsonEstimate(double level) {
    return new Estimate(estimate(), Math.toIntExact(n), wilson(level));
  }
}
