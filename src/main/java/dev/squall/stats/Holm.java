package dev.squall.stats;

import dev.squall.SquallException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Holm's (1979) step-down correction over a family of m p-values, controlling the family-wise
 * error rate at α. With p₍₁₎ ≤ … ≤ p₍ₘ₎, the adjusted value is p̃₍ᵢ₎ = max_{j ≤ i} min(1, (m − j +
 * 1) p₍ⱼ₎); hypothesis i is rejected when p̃ᵢ ≤ α. Results keep the input order.
 *
 * @param pValues the raw p-values, input order
 * @param adjusted Holm-adjusted p-values, input order
 * @param rejected whether each hypothesis is rejected at {@code alpha}
 * @param alpha the family-wise error rate
 */
public record Holm(
    List<Double> pValues, List<Double> adjusted, List<Boolean> rejected, double alpha) {
  public Holm {
    pValues = List.copyOf(pValues);
    adjusted = List.copyOf(adjusted);
    rejected = List.copyOf(rejected);
    if (pValues.size() != adjusted.size() || pValues.size() != rejected.size()) {
      throw new SquallException("Holm lists must have equal sizes");
    }
  }

  /** Applies the correction to {@code pValues} at family-wise level {@code alpha}. */
  public static Holm adjust(double[] pValues, double alpha) {
    Checks.nonEmpty("pValues", pValues);
    if (!(alpha > 0 && alpha < 1)) {
      throw new SquallException("alpha must be in (0, 1), was " + alpha);
    }
    int m = pValues.length;
    for (int i = 0; i < m; i++) {
      if (!(pValues[i] >= 0 && pValues[i] <= 1)) {
        throw new SquallException("pValues[" + i + "] must be in [0, 1], was " + pValues[i]);
      }
    }
    Integer[] order = new Integer[m];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
    double[] adj = new double[m];
    double running = 0;
    for (int rank = 0; rank < m; rank++) {
      int i = order[rank];
      running = Math.max(running, Math.min(1, (m - rank) * pValues[i]));
      adj[i] = running;
    }
    List<Double> raw = new ArrayList<>();
    List<Double> adjusted = new ArrayList<>();
    List<Boolean> rejected = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      raw.add(pValues[i]);
      adjusted.add(adj[i]);
      rejected.add(adj[i] <= alpha);
    }
    return new Holm(raw, adjusted, rejected, alpha);
  }
}
