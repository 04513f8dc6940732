package dev.squall.stats;

import dev.squall.SquallException;
import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * Exact McNemar test for two models judged on the same items.
 *
 * <p>Counts: {@code a} both right, {@code b} only the first right, {@code c} only the second
 * right, {@code d} both wrong. Under H₀ the discordant pairs split evenly, so b ~ Binomial(b + c,
 * ½); the two-sided p-value is min(1, 2·P(X ≤ min(b, c))), and 1 when b + c = 0.
 *
 * @param a both correct
 * @param b first correct, second wrong
 * @param c first wrong, second correct
 * @param d both wrong
 * @param pValue exact two-sided p-value
 */
public record McNemar(long a, long b, long c, long d, double pValue) {
  public McNemar {
    if (a < 0 || b < 0 || c < 0 || d < 0) {
      throw new SquallException(
          "McNemar counts must be >= 0, was a=" + a + " b=" + b + " c=" + c + " d=" + d);
    }
  }

  /** The test from the 2×2 counts. */
  public static McNemar ofCounts(long a, long b, long c, long d) {
    if (a < 0 || b < 0 || c < 0 || d < 0) {
      throw new SquallException(
          "McNemar counts must be >= 0, was a=" + a + " b=" + b + " c=" + c + " d=" + d);
    }
    return new McNemar(a, b, c, d, exactPValue(b, c));
  }

  /** The test from per-item correctness of the first and second model. */
  public static McNemar of(boolean[] firstCorrect, boolean[] secondCorrect) {
    if (firstCorrect.length != secondCorrect.length) {
      throw new SquallException(
          "mismatched lengths: firstCorrect has "
              + firstCorrect.length
              + ", secondCorrect has "
              + secondCorrect.length);
    }
    if (firstCorrect.length == 0) {
      throw new SquallException("firstCorrect must not be empty (n=0)");
    }
    long a = 0;
    long b = 0;
    long c = 0;
    long d = 0;
    for (int i = 0; i < firstCorrect.length; i++) {
      if (firstCorrect[i]) {
        if (secondCorrect[i]) {
          a++;
        } else {
          b++;
        }
      } else if (secondCorrect[i]) {
        c++;
      } else {
        d++;
      }
    }
    return ofCounts(a, b, c, d);
  }

  /** Number of items. */
  public long n() {
    return a + b + c + d;
  }

  /**
   * Exact two-sided McNemar p-value: binomial(b + c, ½) on the discordant counts, p = min(1, 2 ·
   * P(X ≤ min(b, c))). The tail is summed from the probability mass function rather than taken as
   * commons-math's {@code cumulativeProbability}, which computes 1 − (1 − tail) and so returns 0
   * for tails below about 1e-16 (seen: 198 against 24 gave p = 0).
   */
  public static double exactPValue(long b, long c) {
    long m = b + c;
    if (m == 0) {
      return 1.0;
    }
    BinomialDistribution bin = new BinomialDistribution(null, Math.toIntExact(m), 0.5);
    double tail = 0;
    for (int k = 0; k <= Math.min(b, c); k++) {
      tail += bin.probability(k);
    }
    return Math.min(1.0, 2 * tail);
  }
}
