package dev.squall.train;

import org.apache.commons.math3.distribution.BinomialDistribution;

/** The statistics printed in the model cards. */
public final class Stats {
  private Stats() {}

  /** Wilson score interval at 95% for {@code successes} of {@code n} (fractional ties allowed). */
  public static double[] wilson(double successes, int n) {
    if (n == 0) {
      return new double[] {0, 1};
    }
    double z = 1.959963984540054;
    double p = successes / n;
    double z2 = z * z;
    double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
    double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
    return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
  }

  /**
   * Exact two-sided McNemar test: binomial(b + c, ½) on the discordant counts, p = min(1, 2 ·
   * P(X ≤ min(b, c))).
   */
  public static double mcnemarExact(int b, int c) {
    int n = b + c;
    if (n == 0) {
      return 1.0;
    }
    BinomialDistribution d = new BinomialDistribution(null, n, 0.5);
    return Math.min(1.0, 2 * d.cumulativeProbability(Math.min(b, c)));
  }
}
