package dev.squall.stats;

import dev.squall.Seeds;
import dev.squall.SquallException;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Seeded nonparametric bootstrap (Efron & Tibshirani 1993) over items.
 *
 * <p>Every method draws its resamples from a generator seeded by {@code Seeds.derive(seed,
 * method)}, so the same inputs and seed always give the same interval. Quantiles of the bootstrap
 * replicates use {@link Quantiles} (type 7). Immutable and thread-safe.
 *
 * @param resamples number of bootstrap resamples B (≥ 100; 2,000 or more for BCa in reports)
 * @param seed base seed
 */
public record Bootstrap(int resamples, long seed) {
  public Bootstrap {
    if (resamples < 100) {
      throw new SquallException("resamples must be >= 100, was " + resamples);
    }
  }

  /** Percentile interval for {@code statistic} over {@code items}. */
  public Estimate percentile(double[] items, ToDoubleFunction<double[]> statistic, double level) {
    Checks.nonEmpty("items", items);
    Checks.level(level);
    double estimate = statistic.applyAsDouble(items);
    double[] reps = replicates(items, statistic, rng("percentile"));
    return percentileOf(estimate, items.length, reps, level, "bootstrap-percentile");
  }

  /**
   * Bias-corrected and accelerated (BCa) interval: bias correction z₀ = Φ⁻¹(share of replicates
   * below the estimate, ties counted half) and acceleration from the jackknife, a = Σd³ / (6
   * (Σd²)^{3/2}) with d_i = mean(θ₍ᵢ₎) − θ₍ᵢ₎. The jackknife costs n evaluations of the statistic.
   */
  public Estimate bca(double[] items, ToDoubleFunction<double[]> statistic, double level) {
    Checks.nonEmpty("items", items);
    Checks.level(level);
    int n = items.length;
    double estimate = statistic.applyAsDouble(items);
    double[] reps = replicates(items, statistic, rng("bca"));
    Arrays.sort(reps);
    double below = 0;
    for (double r : reps) {
      below += r < estimate ? 1 : r == estimate ? 0.5 : 0;
    }
    double share = below / reps.length;
    String method = "bootstrap-bca(B=" + resamples + ",seed=" + seed + ")";
    if (reps[0] == reps[reps.length - 1] || share <= 0 || share >= 1) {
      // Degenerate: no spread, or the estimate outside the replicates; fall back to percentile.
      return percentileOf(estimate, n, reps, level, method + "->percentile");
    }
    double z0 = Normal.quantile(share);
    double accel = n < 3 ? 0 : acceleration(items, statistic);
    double zLo = Normal.quantile((1 - level) / 2);
    double zHi = -zLo;
    double a1 = Normal.cdf(z0 + (z0 + zLo) / (1 - accel * (z0 + zLo)));
    double a2 = Normal.cdf(z0 + (z0 + zHi) / (1 - accel * (z0 + zHi)));
    double lo = Quantiles.ofSorted(reps, clamp(a1));
    double hi = Quantiles.ofSorted(reps, clamp(a2));
    return new Estimate(estimate, n, new Interval(lo, hi, level, method));
  }

  /**
   * Paired bootstrap of mean(a) − mean(b), where a[i] and b[i] are two scores of the same item i
   * (e.g. two models' per-item correctness): items are resampled jointly. Percentile interval.
   */
  public Estimate pairedDifference(double[] a, double[] b, double level) {
    Checks.sameLength("a", a, "b", b);
    Checks.level(level);
    int n = a.length;
    SplittableRandom r = rng("paired");
    double[] reps = new double[resamples];
    for (int k = 0; k < resamples; k++) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        int j = r.nextInt(n);
        s += a[j] - b[j];
      }
      reps[k] = s / n;
    }
    double estimate = Normal.mean(a) - Normal.mean(b);
    return percentileOf(estimate, n, reps, level, "paired-bootstrap-percentile");
  }

  /**
   * Bootstrap of mean(x) − mean(y) for two independent samples (each resampled separately).
   * Percentile interval; n of the result is the total of both sizes.
   */
  public Estimate twoSampleDifference(double[] x, double[] y, double level) {
    Checks.nonEmpty("x", x);
    Checks.nonEmpty("y", y);
    Checks.level(level);
    SplittableRandom r = rng("two-sample");
    double[] reps = new double[resamples];
    for (int k = 0; k < resamples; k++) {
      reps[k] = resampledMean(x, r) - resampledMean(y, r);
    }
    double estimate = Normal.mean(x) - Normal.mean(y);
    return percentileOf(
        estimate, x.length + y.length, reps, level, "two-sample-bootstrap-percentile");
  }

  /** A generator for a named use of this bootstrap's seed (package use: two-group designs). */
  SplittableRandom rng(String use) {
    return new SplittableRandom(Seeds.derive(seed, "bootstrap", use));
  }

  static double resampledMean(double[] x, SplittableRandom r) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[r.nextInt(x.length)];
    }
    return s / x.length;
  }

  /** Percentile interval from unsorted replicates (sorted in place). */
  Estimate percentileOf(double estimate, int n, double[] reps, double level, String method) {
    Arrays.sort(reps);
    double alpha = 1 - level;
    double lo = Quantiles.ofSorted(reps, alpha / 2);
    double hi = Quantiles.ofSorted(reps, 1 - alpha / 2);
    String m = method.contains("(") ? method : method + "(B=" + resamples + ",seed=" + seed + ")";
    return new Estimate(estimate, n, new Interval(lo, hi, level, m));
  }

  private double[] replicates(
      double[] items, ToDoubleFunction<double[]> statistic, SplittableRandom r) {
    int n = items.length;
    double[] sample = new double[n];
    double[] reps = new double[resamples];
    for (int k = 0; k < resamples; k++) {
      for (int i = 0; i < n; i++) {
        sample[i] = items[r.nextInt(n)];
      }
      reps[k] = statistic.applyAsDouble(sample);
    }
    return reps;
  }

  private static double acceleration(double[] items, ToDoubleFunction<double[]> statistic) {
    int n = items.length;
    double[] loo = new double[n - 1];
    double[] theta = new double[n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(items, 0, loo, 0, i);
      System.arraycopy(items, i + 1, loo, i, n - 1 - i);
      theta[i] = statistic.applyAsDouble(loo);
    }
    double mean = Normal.mean(theta);
    double num = 0;
    double den = 0;
    for (double t : theta) {
      double d = mean - t;
      num += d * d * d;
      den += d * d;
    }
    return den == 0 ? 0 : num / (6 * Math.pow(den, 1.5));
  }

  private static double clamp(double p) {
    return Math.min(1, Math.max(0, p));
  }
}
