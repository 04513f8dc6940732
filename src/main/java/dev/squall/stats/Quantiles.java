package dev.squall.stats;

import dev.squall.SquallException;
import java.util.Arrays;

/**
 * Sample quantiles by linear interpolation between order statistics (Hyndman–Fan type 7, the
 * default of R and NumPy): for sorted x₀ ≤ … ≤ x_{n−1}, Q(p) = x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋+1 − x_⌊h⌋)
 * with h = (n − 1)p.
 */
public final class Quantiles {
  private Quantiles() {}

  /** Q(p) of {@code values} (not modified). */
  public static double of(double[] values, double p) {
    Checks.nonEmpty("values", values);
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return ofSorted(sorted, p);
  }

  /** Q(p) of already ascending-sorted values. */
  public static double ofSorted(double[] sorted, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new SquallException("p must be in [0, 1], was " + p);
    }
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
