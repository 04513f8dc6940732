package dev.squall.train;

/** The Wilson interval of the model cards (their McNemar p-values come from {@link dev.squall.stats.McNemar}). */
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
}
