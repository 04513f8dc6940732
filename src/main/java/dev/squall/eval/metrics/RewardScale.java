package dev.squall.eval.metrics;

import dev.squall.SquallException;
import java.util.Objects;

/**
 * Reward-scale shift between a reference split and a shifted split: the mean and standard
 * deviation (divisor n − 1; 0 when n = 1) of all rewards in each, and the differences shifted −
 * reference.
 *
 * @param reference statistics of the reference (in-distribution) rewards
 * @param shifted statistics of the shifted (OOD) rewards
 * @param meanShift shifted.mean − reference.mean
 * @param stdShift shifted.std − reference.std
 */
public record RewardScale(Stats reference, Stats shifted, double meanShift, double stdShift) {
  public RewardScale {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(shifted, "shifted");
  }

  /** Summary of one split's rewards. */
  public record Stats(int n, double mean, double std) {
    /** The statistics of {@code rewards}. */
    public static Stats of(double[] rewards) {
      if (rewards.length == 0) {
        throw new SquallException("rewards must not be empty (n=0)");
      }
      double mean = Arrays2.mean(rewards);
      double ss = 0;
      for (double r : rewards) {
        ss += (r - mean) * (r - mean);
      }
      double std = rewards.length > 1 ? Math.sqrt(ss / (rewards.length - 1)) : 0;
      return new Stats(rewards.length, mean, std);
    }
  }

  /** The shift from {@code referenceRewards} to {@code shiftedRewards}. */
  public static RewardScale shift(double[] referenceRewards, double[] shiftedRewards) {
    Stats a = Stats.of(referenceRewards);
    Stats b = Stats.of(shiftedRewards);
    return new RewardScale(a, b, b.mean() - a.mean(), b.std() - a.std());
  }
}
