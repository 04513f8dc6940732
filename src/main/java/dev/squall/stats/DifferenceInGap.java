package dev.squall.stats;

import java.util.SplittableRandom;

/**
 * Generalisation gaps and CLoud-versus-classic differences in gap, with bootstrap intervals.
 *
 * <p>The in-distribution (ID) and out-of-distribution (OOD) item sets are independent samples;
 * within a set the two models are scored on the same items. So the bootstrap resamples ID items
 * and OOD items independently, and within each set keeps the two models' scores of an item
 * together (paired). Percentile intervals.
 *
 * <p>Gap of one model: acc_id − acc_ood (positive = worse out of distribution). Difference in gap:
 * (accC_id − accC_ood) − (accK_id − accK_ood), C = CLoud, K = classic; negative means CLoud loses
 * less accuracy out of distribution.
 */
public final class DifferenceInGap {
  private DifferenceInGap() {}

  /** One model's gap mean(id) − mean(ood) with a two-sample bootstrap interval. */
  public static Estimate gap(double[] id, double[] ood, Bootstrap bootstrap, double level) {
    return bootstrap.twoSampleDifference(id, ood, level);
  }

  /**
   * (mean(cloudId) − mean(cloudOod)) − (mean(classicId) − mean(classicOod)) with a bootstrap
   * interval; cloudId[i] and classicId[i] are the two models' credits on ID item i, likewise for
   * OOD. n of the result is the number of ID plus OOD items.
   */
  public static Estimate of(
      double[] cloudId,
      double[] classicId,
      double[] cloudOod,
      double[] classicOod,
      Bootstrap bootstrap,
      double level) {
    Checks.sameLength("cloudId", cloudId, "classicId", classicId);
    Checks.sameLength("cloudOod", cloudOod, "classicOod", classicOod);
    Checks.level(level);
    double[] idDiff = diff(cloudId, classicId);
    double[] oodDiff = diff(cloudOod, classicOod);
    double estimate = Normal.mean(idDiff) - Normal.mean(oodDiff);
    SplittableRandom r = bootstrap.rng("difference-in-gap");
    double[] reps = new double[bootstrap.resamples()];
    for (int k = 0; k < reps.length; k++) {
      reps[k] = Bootstrap.resampledMean(idDiff, r) - Bootstrap.resampledMean(oodDiff, r);
    }
    return bootstrap.percentileOf(
        estimate, idDiff.length + oodDiff.length, reps, level, "difference-in-gap-bootstrap");
  }

  private static double[] diff(double[] x, double[] y) {
    double[] d = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      d[i] = x[i] - y[i];
    }
    return d;
  }
}
