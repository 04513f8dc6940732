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
 * @param beta the curvature β (> 0 when the curve turns down)
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

  /** The peak d* = α/(2β); +∞ when β ≤ 0 (no peak: the curve never turns down). */
  public double peakD() {
    return beta > 0 ? alpha / (2 * beta) : Double.POSITIVE_INFINITY;
  }

  /** R(d*) = α²/(4β); +∞ when β ≤ 0. */
  public double peakReward() {
    return beta > 0 ? alpha * alpha / (4 * beta) : Double.POSITIVE_INFINITY;
  }

  /** The KL at the peak, d*². */
  public double peakKl() {
    double d = peakD();
    return d * d;
  }
}
