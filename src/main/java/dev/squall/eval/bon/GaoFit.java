package dev.squall.eval.bon;

import dev.squall.SquallException;

/**
 * Gao et al.'s (2022) best-of-N functional form R(d) = d(α − βd) = αd − βd², d = √KL, fitted by
 * ordinary least squares with no intercept (R(0) = 0 by construction). With S_k = Σ d_i^k, T_1 =
 * Σ d_i R_i and T_2 = Σ d_i² R_i, the normal equations give α = (T₁S₄ − T₂S₃)/(S₂S₄ − S₃²) and β
 * = (T₁S₃ − T₂S₂)/(S₂S₄ − S₃²).
 *
 * <p>Rewards are usually measured relative to the N = 1 policy (subtract the mean gold reward at
 * N = 1 first), so that R(0) = 0 holds.
 *
 * @param alpha the initial slope α
 * @param beta the curvature β (&gt; 0 when the curve turns down)
 * @param points number of (d, R) points fitted
 */
public record GaoFit(double alpha, double beta, int points) {

  /** Least-squares fit to points (d_i, R_i); needs ≥ 2 distinct non-zero d values. */
  public static GaoFit fit(double[] d, double[] r) {
    if (d.length != r.length) {
      throw new SquallException(
          "mismatched lengths: d has " + d.length + ", r has " + r.length);
    }
    double s2 = 0;
    double s3 = 0;
    double s4 = 0;
    double t1 = 0;
    double t2 = 0;
    for (int i = 0; i < d.length; i++) {
      if (!(d[i] >= 0) || !Double.isFinite(d[i]) || !Double.isFinite(r[i])) {
        throw new SquallException(
            "point " + i + " must have finite d >= 0 and finite R, was (" + d[i] + ", " + r[i]
                + ")");
      }
      double x = d[i];
      s2 += x * x;
      s3 += x * x * x;
      s4 += x * x * x * x;
      t1 += x * r[i];
      t2 += x * x * r[i];
    }
    double det = s2 * s4 - s3 * s3;
    if (!(det > 1e-12 * Math.max(1, s2 * s4))) {
      throw new SquallException(
          "cannot fit R(d) = d(α − βd): need at least 2 distinct non-zero d values, had "
              + d.length
              + " points");
    }
    double alpha = (t1 * s4 - t2 * s3) / det;
    double beta = (t1 * s3 - t2 * s2) / det;
    return new GaoFit(alpha, beta, d.length);
  }

  /** R(d) = d(α − βd). */
  public double predict(double d) {
    return d * (alpha - beta * d);
  }

  /**
   * The peak of R on d ≥ 0: d* = α/(2β) when β &gt; 0 and α &gt; 0; 0 when β &gt; 0 and α ≤ 0 (the
   * fitted curve falls from the start: any optimisation loses gold); +∞ when β ≤ 0 (the curve never
   * turns down).
   */
  public double peakD() {
    if (!(beta > 0)) {
      return Double.POSITIVE_INFINITY;
    }
    return alpha > 0 ? alpha / (2 * beta) : 0;
  }

  /** R(d*): α²/(4β) when β &gt; 0 and α &gt; 0, 0 when β &gt; 0 and α ≤ 0, +∞ when β ≤ 0. */
  public double peakReward() {
    double d = peakD();
    if (!Double.isFinite(d)) {
      return Double.POSITIVE_INFINITY;
    }
    return d == 0 ? 0 : predict(d);
  }

  /** The KL at the peak, d*². */
  public double peakKl() {
    double d = peakD();
    return d * d;
  }

  /**
   * The (real-valued) N whose KL_bon(N) = log N − (N − 1)/N equals {@link #peakKl()}, by bisection
   * on log N; +∞ when there is no peak (β ≤ 0) or it lies beyond N = 10¹⁵.
   */
  public double peakN() {
    double kl = peakKl();
    if (!Double.isFinite(kl) || klBon(1e15) < kl) {
      return Double.POSITIVE_INFINITY;
    }
    double lo = 1;
    double hi = 1e15;
    for (int i = 0; i < 200; i++) {
      double mid = Math.sqrt(lo * hi);
      if (klBon(mid) < kl) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return hi;
  }

  private static double klBon(double n) {
    return Math.log(n) - (n - 1) / n;
  }
}
