package dev.squall.eval.metrics;

import dev.squall.SquallException;
import java.util.ArrayList;
import java.util.List;

/**
 * The RM-Bench 3×3 style matrix. Each row has three chosen and three rejected responses at style
 * levels 0 = concise, 1 = detailed, 2 = detailed + markdown. A_ij is the mean over rows of the
 * credit (per {@link TiePolicy}; RM-Bench itself uses a strict {@code >}, i.e. {@link
 * TiePolicy#WRONG}) of r(chosen_i) versus r(rejected_j).
 *
 * <ul>
 *   <li><b>Hard</b> = mean of the upper triangle A_01, A_02, A_12 (i &lt; j): the correct response
 *       is plainer than the wrong one, so a style bias works against the model.
 *   <li><b>Normal</b> = mean of the diagonal A_00, A_11, A_22 (same style).
 *   <li><b>Easy</b> = mean of the lower triangle A_10, A_20, A_21 (i &gt; j): the correct response
 *       is the fancier one.
 * </ul>
 *
 * @param matrix A as three rows of three
 * @param easy lower-triangle mean
 * @param normal diagonal mean
 * @param hard upper-triangle mean
 * @param n number of benchmark rows
 */
public record RmBenchMatrix(
    List<List<Double>> matrix, double easy, double normal, double hard, int n) {
  /** Number of style levels. */
  public static final int STYLES = 3;

  public RmBenchMatrix {
    matrix = matrix.stream().map(List::copyOf).toList();
    if (matrix.size() != STYLES || matrix.stream().anyMatch(r -> r.size() != STYLES)) {
      throw new SquallException("matrix must be 3×3");
    }
    if (n <= 0) {
      throw new SquallException("n must be > 0, was " + n);
    }
  }

  /** A_ij. */
  public double at(int i, int j) {
    return matrix.get(i).get(j);
  }

  /**
   * The matrix from per-row rewards: {@code chosen.get(r)[i]} is the reward of row r's chosen
   * response at style i; same for rejected.
   */
  public static RmBenchMatrix of(List<double[]> chosen, List<double[]> rejected, TiePolicy ties) {
    if (chosen.isEmpty()) {
      throw new SquallException("chosen must not be empty (n=0)");
    }
    if (chosen.size() != rejected.size()) {
      throw new SquallException(
          "mismatched lengths: chosen has " + chosen.size() + ", rejected has " + rejected.size());
    }
    double[][] a = new double[STYLES][STYLES];
    for (int r = 0; r < chosen.size(); r++) {
      double[] c = chosen.get(r);
      double[] x = rejected.get(r);
      if (c.length != STYLES || x.length != STYLES) {
        throw new SquallException(
            "row " + r + " must have 3 chosen and 3 rejected rewards, had " + c.length + " and "
                + x.length);
      }
      for (int i = 0; i < STYLES; i++) {
        for (int j = 0; j < STYLES; j++) {
          a[i][j] += ties.credit(c[i], x[j]);
        }
      }
    }
    List<List<Double>> m = new ArrayList<>();
    double easy = 0;
    double normal = 0;
    double hard = 0;
    for (int i = 0; i < STYLES; i++) {
      List<Double> row = new ArrayList<>();
      for (int j = 0; j < STYLES; j++) {
        double v = a[i][j] / chosen.size();
        row.add(v);
        if (i < j) {
          hard += v;
        } else if (i == j) {
          normal += v;
        } else {
          easy += v;
        }
      }
      m.add(row);
    }
    return new RmBenchMatrix(m, easy / 3, normal / 3, hard / 3, chosen.size());
  }
}
