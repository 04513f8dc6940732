package dev.squall.eval.ood;

import dev.squall.SquallException;
import dev.squall.eval.metrics.TiePolicy;
import java.util.Objects;

/**
 * Settings of an OOD evaluation.
 *
 * @param level confidence level of every interval, in (0, 1)
 * @param ties how equal rewards count towards accuracy (McNemar always uses strict correctness)
 * @param resamples bootstrap resamples for gap intervals (≥ 100)
 * @param seed bootstrap seed
 * @param eceBins equal-width calibration bins (≥ 1)
 * @param alpha family-wise error rate for the Holm correction, in (0, 1)
 * @param batchSize requests per {@code scoreAll} call (≥ 1)
 */
public record OodConfig(
    double level,
    TiePolicy ties,
    int resamples,
    long seed,
    int eceBins,
    double alpha,
    int batchSize) {
  public OodConfig {
    Objects.requireNonNull(ties, "ties");
    if (!(level > 0 && level < 1)) {
      throw new SquallException("level must be in (0, 1), was " + level);
    }
    if (!(alpha > 0 && alpha < 1)) {
      throw new SquallException("alpha must be in (0, 1), was " + alpha);
    }
    if (resamples < 100) {
      throw new SquallException("resamples must be >= 100, was " + resamples);
    }
    if (eceBins < 1) {
      throw new SquallException("eceBins must be >= 1, was " + eceBins);
    }
    if (batchSize < 1) {
      throw new SquallException("batchSize must be >= 1, was " + batchSize);
    }
  }

  /** 95% intervals, HALF ties, 2,000 resamples, 10 bins, α = 0.05, batches of 64. */
  public static OodConfig defaults(long seed) {
    return new OodConfig(0.95, TiePolicy.HALF, 2_000, seed, 10, 0.05, 64);
  }
}
