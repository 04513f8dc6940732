package dev.squall.eval.metrics;

import dev.squall.stats.Proportion;

/**
 * Pairwise accuracy: mean over pairs of 1[r(x, y⁺) > r(x, y⁻)], ties credited by a {@link
 * TiePolicy}. The interval is Wilson's on the (possibly half-integer) credit total.
 */
public final class PairwiseAccuracy {
  private PairwiseAccuracy() {}

  /** Per-pair credits in {0, ½, 1}. */
  public static double[] credits(double[] chosen, double[] rejected, TiePolicy ties) {
    Arrays2.paired("chosen", chosen, "rejected", rejected);
    double[] c = new double[chosen.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = ties.credit(chosen[i], rejected[i]);
    }
    return c;
  }

  /** Accuracy with a Wilson interval. */
  public static MetricValue of(
      double[] chosen, double[] rejected, TiePolicy ties, double level) {
    return ofCredits(credits(chosen, rejected, ties), level);
  }

  /** Accuracy of precomputed per-pair credits, with a Wilson interval. */
  public static MetricValue ofCredits(double[] credits, double level) {
    double s = 0;
    for (double c : credits) {
      s += c;
    }
    Proportion p = new Proportion(s, credits.length);
    return new MetricValue(
        MetricId.PAIRWISE_ACCURACY, p.estimate(), credits.length, p.wilson(level));
  }

  /** Strict correctness 1[r⁺ > r⁻] per pair (ties are not correct). */
  public static boolean[] strictlyCorrect(double[] chosen, double[] rejected) {
    Arrays2.paired("chosen", chosen, "rejected", rejected);
    boolean[] out = new boolean[chosen.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = chosen[i] > rejected[i];
    }
    return out;
  }
}
