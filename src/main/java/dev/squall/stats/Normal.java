package dev.squall.stats;

import org.apache.commons.math3.distribution.NormalDistribution;

/** Standard normal quantiles and CDF, and the normal (Wald) interval for a mean. */
public final class Normal {
  private static final NormalDistribution STD = new NormalDistribution(null, 0, 1);

  private Normal() {}

  /** The two-sided critical value z with P(|Z| <= z) = level, e.g. 1.95996 for 0.95. */
  public static double z(double level) {
    Checks.level(level);
    return STD.inverseCumulativeProbability(1 - (1 - level) / 2);
  }

  /** Φ(x). */
  public static double cdf(double x) {
    return STD.cumulativeProbability(x);
  }

  /** Φ⁻¹(p) for p in (0, 1). */
  public static double quantile(double p) {
    return STD.inverseCumulativeProbability(p);
  }

  /**
   * The mean of {@code values} with the normal-approximation interval mean ± z·s/√n (s the sample
   * standard deviation with divisor n − 1; zero width when n = 1).
   */
  public static Estimate meanInterval(double[] values, double level) {
    Checks.nonEmpty("values", values);
    Checks.finite("values", values);
    double z = z(level);
    int n = values.length;
    double mean = mean(values);
    double ss = 0;
    for (double v : values) {
      ss += (v - mean) * (v - mean);
    }
    double se = n > 1 ? Math.sqrt(ss / (n - 1) / n) : 0;
    return new Estimate(
        mean, n, new Interval(mean - z * se, mean + z * se, level, "normal-mean"));
  }

  static double mean(double[] values) {
    double s = 0;
    for (double v : values) {
      s += v;
    }
    return s / values.length;
  }
}
