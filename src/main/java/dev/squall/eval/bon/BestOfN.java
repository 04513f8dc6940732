package dev.squall.eval.bon;

import dev.squall.Seeds;
import dev.squall.SquallException;
import dev.squall.stats.Bootstrap;
import dev.squall.stats.Estimate;
import dev.squall.stats.Interval;
import dev.squall.stats.Normal;
import dev.squall.stats.Proportion;
import dev.squall.stats.Quantiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Best-of-N selection over precomputed rewards, and the analytic KL of best-of-N sampling.
 *
 * <p>For each N in {@code ns}, each prompt's pick is the candidate with the highest proxy reward
 * among its first N candidates (the nested subsets, so curves are monotone in the sampling; ties
 * go to the lowest index).
 *
 * <p>Intervals over prompts: the proxy's is the normal interval of the mean (proxy rewards are
 * unbounded). Gold rewards are bounded (a world's gold is 1 or 0 minus a small length penalty), so
 * a normal interval can leave their support; the gold interval is therefore the Wilson interval
 * when every picked gold reward is 0 or 1 (a proportion), and otherwise a seeded bootstrap
 * percentile interval, which stays within the observed range. {@link Interval#method()} names
 * which. The same inputs and seed give the same intervals.
 */
public final class BestOfN {
  private BestOfN() {}

  /** Bootstrap resamples behind gold intervals that are not Wilson, gold changes and fit intervals. */
  public static final int RESAMPLES = 2000;

  /** The seed of the overloads that take none. */
  public static final long DEFAULT_SEED = 0L;

  /**
   * The curve points and the Gao fit of gold (relative to the smallest N) against d = √KL.
   *
   * @param fitIntervals bootstrap intervals of α and β (always present from {@link #analyse};
   *     empty only in results built by hand, e.g. report fixtures)
   */
  public record Result(
      List<BestOfNCurve> curve, GaoFit goldFit, Optional<GaoFitBootstrap> fitIntervals) {
    public Result {
      curve = List.copyOf(curve);
      Objects.requireNonNull(goldFit, "goldFit");
      Objects.requireNonNull(fitIntervals, "fitIntervals");
    }
  }

  /** KL_bon(N) = log N − (N − 1)/N, the KL of best-of-N from the base policy (Gao et al.). */
  public static double klBon(int n) {
    if (n < 1) {
      throw new SquallException("n must be >= 1, was " + n);
    }
    return Math.log(n) - (n - 1.0) / n;
  }

  /** {@link #select(double[][], double[][], int[], double, long)} at the 95% level, default seed. */
  public static List<BestOfNCurve> select(double[][] proxy, double[][] gold, int[] ns) {
    return select(proxy, gold, ns, 0.95, DEFAULT_SEED);
  }

  /** {@link #select(double[][], double[][], int[], double, long)} with the default seed. */
  public static List<BestOfNCurve> select(
      double[][] proxy, double[][] gold, int[] ns, double level) {
    return select(proxy, gold, ns, level, DEFAULT_SEED);
  }

  /**
   * The best-of-N curve: {@code proxy[p][k]} and {@code gold[p][k]} are the proxy and gold
   * rewards of prompt p's candidate k; every prompt needs at least max(ns) candidates.
   *
   * @param seed seeds the bootstrap of a gold interval that is not Wilson (point i uses {@code
   *     Seeds.derive(seed, "gold", ns[i])})
   */
  public static List<BestOfNCurve> select(
      double[][] proxy, double[][] gold, int[] ns, double level, long seed) {
    int[][] picks = picks(proxy, gold, ns);
    List<BestOfNCurve> out = new ArrayList<>();
    for (int i = 0; i < ns.length; i++) {
      double[] pickedProxy = new double[proxy.length];
      double[] pickedGold = new double[proxy.length];
      for (int p = 0; p < proxy.length; p++) {
        pickedProxy[p] = proxy[p][picks[i][p]];
        pickedGold[p] = gold[p][picks[i][p]];
      }
      out.add(
          new BestOfNCurve(
              ns[i],
              klBon(ns[i]),
              Normal.meanInterval(pickedProxy, level),
              goldMean(pickedGold, level, Seeds.derive(seed, "gold", ns[i]))));
    }
    return out;
  }

  /**
   * The picks: {@code picks[i][p]} is the index of prompt p's candidate with the highest proxy
   * reward among its first {@code ns[i]} (the lowest index on ties).
   *
   * @throws SquallException on empty or mismatched inputs, N &lt; 1 or too few candidates
   */
  public static int[][] picks(double[][] proxy, double[][] gold, int[] ns) {
    if (proxy.length == 0) {
      throw new SquallException("proxy must have at least one prompt (n=0)");
    }
    if (proxy.length != gold.length) {
      throw new SquallException(
          "mismatched lengths: proxy has " + proxy.length + " prompts, gold has " + gold.length);
    }
    int maxN = maxN(ns);
    for (int p = 0; p < proxy.length; p++) {
      if (proxy[p].length < maxN || gold[p].length < proxy[p].length) {
        throw new SquallException(
            "prompt " + p + " has " + proxy[p].length + " proxy and " + gold[p].length
                + " gold rewards; need at least max(ns)=" + maxN + " of each");
      }
    }
    int[][] out = new int[ns.length][proxy.length];
    for (int i = 0; i < ns.length; i++) {
      for (int p = 0; p < proxy.length; p++) {
        int best = 0;
        for (int k = 1; k < ns[i]; k++) {
          if (proxy[p][k] > proxy[p][best]) {
            best = k;
          }
        }
        out[i][p] = best;
      }
    }
    return out;
  }

  /**
   * The mean of picked gold rewards with an interval inside their support: Wilson when every value
   * is exactly 0 or 1, else a {@link #RESAMPLES}-resample bootstrap percentile interval seeded by
   * {@code seed} (within [min, max] of the values).
   */
  public static Estimate goldMean(double[] values, double level, long seed) {
    if (values.length == 0) {
      throw new SquallException("gold values must not be empty");
    }
    int ones = 0;
    boolean binary = true;
    for (double v : values) {
      if (!Double.isFinite(v)) {
        throw new SquallException("gold values must be finite, had " + v);
      }
      if (v == 1.0) {
        ones++;
      } else if (v != 0.0) {
        binary = false;
      }
    }
    if (binary) {
      return new Proportion(ones, values.length).wilsonEstimate(level);
    }
    return new Bootstrap(RESAMPLES, seed).percentile(values, BestOfN::mean, level);
  }

  /**
   * Mean gold of the pick at N = {@code ns[to]} minus at N = {@code ns[from]}, paired by prompt,
   * with a seeded paired bootstrap percentile interval (within [−range, range] of the gold values).
   */
  public static Estimate goldChange(
      double[][] proxy, double[][] gold, int[] ns, int from, int to, double level, long seed) {
    int[][] picks = picks(proxy, gold, ns);
    double[] a = new double[proxy.length];
    double[] b = new double[proxy.length];
    for (int p = 0; p < proxy.length; p++) {
      a[p] = gold[p][picks[to][p]];
      b[p] = gold[p][picks[from][p]];
    }
    return new Bootstrap(RESAMPLES, Seeds.derive(seed, "gold-change")).pairedDifference(a, b, level);
  }

  /** {@link #analyse(double[][], double[][], int[], double, long)} with the default seed. */
  public static Result analyse(double[][] proxy, double[][] gold, int[] ns, double level) {
    return analyse(proxy, gold, ns, level, DEFAULT_SEED);
  }

  /**
   * The curve, the Gao fit of mean gold reward minus its value at the smallest N against d = √KL
   * (needs ≥ 2 distinct N &gt; 1), and bootstrap intervals of α and β: prompts are resampled
   * {@link #RESAMPLES} times (seeded by {@code seed}), each resample's curve refitted.
   *
   * @throws SquallException when the fit is impossible (fewer than 2 distinct N &gt; 1)
   */
  public static Result analyse(double[][] proxy, double[][] gold, int[] ns, double level, long seed) {
    List<BestOfNCurve> curve = select(proxy, gold, ns, level, seed);
    int base = 0;
    for (int i = 1; i < ns.length; i++) {
      if (ns[i] < ns[base]) {
        base = i;
      }
    }
    double[] d = new double[ns.length];
    double[] r = new double[ns.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = curve.get(i).d();
      r[i] = curve.get(i).gold().value() - curve.get(base).gold().value();
    }
    GaoFit fit = GaoFit.fit(d, r);
    return new Result(curve, fit, Optional.of(bootstrapFit(proxy, gold, ns, d, base, level, seed)));
  }

  private static GaoFitBootstrap bootstrapFit(
      double[][] proxy, double[][] gold, int[] ns, double[] d, int base, double level, long seed) {
    int[][] picks = picks(proxy, gold, ns);
    int prompts = proxy.length;
    double[][] picked = new double[ns.length][prompts];
    for (int i = 0; i < ns.length; i++) {
      for (int p = 0; p < prompts; p++) {
        picked[i][p] = gold[p][picks[i][p]];
      }
    }
    SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, "gao-fit-bootstrap"));
    double[] alphas = new double[RESAMPLES];
    double[] betas = new double[RESAMPLES];
    int turningDown = 0;
    double[] sums = new double[ns.length];
    double[] r = new double[ns.length];
    for (int b = 0; b < RESAMPLES; b++) {
      java.util.Arrays.fill(sums, 0);
      for (int k = 0; k < prompts; k++) {
        int p = rng.nextInt(prompts);
        for (int i = 0; i < ns.length; i++) {
          sums[i] += picked[i][p];
        }
      }
      for (int i = 0; i < ns.length; i++) {
        r[i] = (sums[i] - sums[base]) / prompts;
      }
      GaoFit f = GaoFit.fit(d, r);
      alphas[b] = f.alpha();
      betas[b] = f.beta();
      turningDown += f.beta() > 0 ? 1 : 0;
    }
    String method = "bootstrap-percentile(B=" + RESAMPLES + ",seed=" + seed + ")";
    return new GaoFitBootstrap(
        percentile(alphas, level, method), percentile(betas, level, method),
        turningDown / (double) RESAMPLES, RESAMPLES);
  }

  private static Interval percentile(double[] reps, double level, String method) {
    java.util.Arrays.sort(reps);
    double alpha = 1 - level;
    return new Interval(
        Quantiles.ofSorted(reps, alpha / 2), Quantiles.ofSorted(reps, 1 - alpha / 2), level, method);
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  /** The largest N of {@code ns}, after checking the list is non-empty and every N is >= 1. */
  static int maxN(int[] ns) {
    if (ns.length == 0) {
      throw new SquallException("ns must not be empty");
    }
    int maxN = 0;
    for (int n : ns) {
      if (n < 1) {
        throw new SquallException("ns must be >= 1, had " + n);
      }
      maxN = Math.max(maxN, n);
    }
    return maxN;
  }
}
