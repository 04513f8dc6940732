package dev.squall.eval.metrics;

import dev.squall.SquallException;
import java.util.ArrayList;
import java.util.List;

/**
 * Expected calibration error of Bradley–Terry preference probabilities.
 *
 * <p>For each pair, p = σ(r⁺ − r⁻) is the model's probability that the chosen response is
 * better. Since the chosen side is always the right one, calibration is measured on the model's
 * own decision (top-label calibration, Guo et al. 2017): confidence c = max(p, 1 − p) ∈ [½, 1],
 * outcome 1 when p > ½ (the model picked the chosen response), 0 when p < ½, and ½ when p = ½.
 * Confidences fall in {@code bins} equal-width bins over [½, 1] (the last bin closed on the
 * right); ECE = Σ_b (n_b / n)·|mean outcome_b − mean confidence_b|, over non-empty bins.
 *
 * @param ece the expected calibration error, in [0, ½]
 * @param n number of pairs
 * @param bins per-bin counts, confidence and accuracy (empty bins included with n = 0 and zero means)
 */
public record Calibration(double ece, int n, List<Bin> bins) {
  public Calibration {
    bins = List.copyOf(bins);
  }

  /** One confidence bin. */
  public record Bin(double lower, double upper, int n, double meanConfidence, double accuracy) {}

  /** ECE with {@code bins} equal-width bins (10 is customary). */
  public static Calibration of(double[] chosen, double[] rejected, int bins) {
    Arrays2.paired("chosen", chosen, "rejected", rejected);
    if (bins < 1) {
      throw new SquallException("bins must be >= 1, was " + bins);
    }
    int[] count = new int[bins];
    double[] conf = new double[bins];
    double[] acc = new double[bins];
    for (int i = 0; i < chosen.length; i++) {
      double p = sigmoid(chosen[i] - rejected[i]);
      double c = Math.max(p, 1 - p);
      double outcome = p > 0.5 ? 1 : p < 0.5 ? 0 : 0.5;
      int b = Math.min(bins - 1, (int) Math.floor((c - 0.5) * 2 * bins));
      count[b]++;
      conf[b] += c;
      acc[b] += outcome;
    }
    double ece = 0;
    List<Bin> out = new ArrayList<>();
    for (int b = 0; b < bins; b++) {
      double lo = 0.5 + 0.5 * b / bins;
      double hi = 0.5 + 0.5 * (b + 1) / bins;
      if (count[b] == 0) {
        out.add(new Bin(lo, hi, 0, 0, 0));
        continue;
      }
      double mc = conf[b] / count[b];
      double ma = acc[b] / count[b];
      ece += (double) count[b] / chosen.length * Math.abs(ma - mc);
      out.add(new Bin(lo, hi, count[b], mc, ma));
    }
    return new Calibration(ece, chosen.length, out);
  }

  /** The logistic function, computed stably for large |x|. */
  static double sigmoid(double x) {
    if (x >= 0) {
      return 1 / (1 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1 + e);
  }
}
