package dev.squall.eval.metrics;

import dev.squall.SquallException;
import dev.squall.stats.Proportion;

/**
 * RewardBench 2 best-of-4 scoring. A row has one or more chosen and (usually three) rejected
 * responses; it scores 1/k when a chosen response attains the maximum reward, k being the number
 * of responses (chosen and rejected) tied at that maximum, and 0 otherwise. Chance is 1/(number of
 * responses), 25% for best-of-4. The special "Ties" subset of RewardBench 2, which is scored
 * differently upstream, is not handled here.
 */
public final class RewardBench2 {
  private RewardBench2() {}

  /** The score of one row. */
  public static double rowScore(double[] chosen, double[] rejected) {
    if (chosen.length == 0) {
      throw new SquallException("chosen must not be empty (n=0)");
    }
    if (rejected.length == 0) {
      throw new SquallException("rejected must not be empty (n=0)");
    }
    double max = Double.NEGATIVE_INFINITY;
    for (double c : chosen) {
      max = Math.max(max, c);
    }
    for (double r : rejected) {
      max = Math.max(max, r);
    }
    int ties = 0;
    boolean chosenAtMax = false;
    for (double c : chosen) {
      if (c == max) {
        ties++;
        chosenAtMax = true;
      }
    }
    for (double r : rejected) {
      ties += r == max ? 1 : 0;
    }
    return chosenAtMax ? 1.0 / ties : 0;
  }

  /** Mean row score with a Wilson interval on the fractional total. */
  public static MetricValue score(double[] rowScores, double level) {
    if (rowScores.length == 0) {
      throw new SquallException("rowScores must not be empty (n=0)");
    }
    double s = 0;
    for (double r : rowScores) {
      if (!(r >= 0 && r <= 1)) {
        throw new SquallException("row scores must be in [0, 1], was " + r);
      }
      s += r;
    }
    Proportion p = new Proportion(s, rowScores.length);
    return new MetricValue(
        MetricId.REWARDBENCH2_BEST_OF_4, p.estimate(), rowScores.length, p.wilson(level));
  }
}
