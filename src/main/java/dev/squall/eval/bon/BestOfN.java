package dev.squall.eval.bon;

import dev.squall.SquallException;
import dev.squall.stats.Normal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Best-of-N selection over precomputed rewards, and the analytic KL of best-of-N sampling.
 *
 * <p>For each N in {@code ns}, each prompt's pick is the candidate with the highest proxy reward
 * among its first N candidates (the nested subsets, so curves are monotone in the sampling; ties
 * go to the lowest index). Intervals are normal intervals of the mean over prompts.
 */
public final class BestOfN {
  private BestOfN() {}

  /** The curve points and the Gao fit of gold (relative to N = 1) against d = √KL. */
  public record Result(List<BestOfNCurve> curve, GaoFit goldFit) {
    public Result {
      curve = List.copyOf(curve);
      Objects.requireNonNull(goldFit, "goldFit");
    }
  }

  /** KL_bon(N) = log N − (N − 1)/N, the KL of best-of-N from the base policy (Gao et al.). */
  public static double klBon(int n) {
    if (n < 1) {
      throw new SquallException("n must be >= 1, was " + n);
    }
    return Math.log(n) - (n - 1.0) / n;
  }

  /** {@link #select(double[][], double[][], int[], double)} at the 95% level. */
  public static List<BestOfNCurve> select(double[][] proxy, double[][] gold, int[] ns) {
    return select(proxy, gold, ns, 0.95);
  }

  /**
   * The best-of-N curve: {@code proxy[p][k]} and {@code gold[p][k]} are the proxy and gold
   * rewards of prompt p's candidate k; every prompt needs at least max(ns) candidates.
   */
  public static List<BestOfNCurve> select(
      double[][] proxy, double[][] gold, int[] ns, double level) {
    if (proxy.length == 0) {
      throw new SquallException("proxy must have at least one prompt (n=0)");
    }
    if (proxy.length != gold.length) {
      throw new SquallException(
          "mismatched lengths: proxy has " + proxy.length + " prompts, gold has " + gold.length);
    }
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
    for (int p = 0; p < proxy.length; p++) {
      if (proxy[p].length < maxN || gold[p].length < proxy[p].length) {
        throw new SquallException(
            "prompt " + p + " has " + proxy[p].length + " proxy and " + gold[p].length
                + " gold rewards; need at least max(ns)=" + maxN + " of each");
      }
    }
    List<BestOfNCurve> out = new ArrayList<>();
    for (int n : ns) {
      double[] pickedProxy = new double[proxy.length];
      double[] pickedGold = new double[proxy.length];
      for (int p = 0; p < proxy.length; p++) {
        int best = 0;
        for (int k = 1; k < n; k++) {
          if (proxy[p][k] > proxy[p][best]) {
            best = k;
          }
        }
        pickedProxy[p] = proxy[p][best];
        pickedGold[p] = gold[p][best];
      }
      out.add(
          new BestOfNCurve(
              n,
              klBon(n),
              Normal.meanInterval(pickedProxy, level),
              Normal.meanInterval(pickedGold, level)));
    }
    return out;
  }

  /**
   * The curve plus the Gao fit of mean gold reward minus its value at the smallest N, against
   * d = √KL (needs ≥ 2 distinct N > 1 for the fit).
   */
  public static Result analyse(double[][] proxy, double[][] gold, int[] ns, double level) {
    List<BestOfNCurve> curve = select(proxy, gold, ns, level);
    BestOfNCurve base = curve.get(0);
    for (BestOfNCurve c : curve) {
      if (c.n() < base.n()) {
        base = c;
      }
    }
    double[] d = new double[curve.size()];
    double[] r = new double[curve.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = curve.get(i).d();
      r[i] = curve.get(i).gold().value() - base.gold().value();
    }
    return new Result(curve, GaoFit.fit(d, r));
  }
}
