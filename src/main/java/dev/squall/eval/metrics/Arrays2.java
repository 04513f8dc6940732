package dev.squall.eval.metrics;

import dev.squall.SquallException;

/** Argument checks shared by the metrics. */
final class Arrays2 {
  private Arrays2() {}

  static void paired(String a, double[] x, String b, double[] y) {
    if (x == null || y == null) {
      throw new SquallException(a + " and " + b + " must not be null");
    }
    if (x.length == 0) {
      throw new SquallException(a + " must not be empty (n=0)");
    }
    if (x.length != y.length) {
      throw new SquallException(
          "mismatched lengths: " + a + " has " + x.length + ", " + b + " has " + y.length);
    }
    for (int i = 0; i < x.length; i++) {
      if (Double.isNaN(x[i]) || Double.isNaN(y[i])) {
        throw new SquallException(a + "/" + b + "[" + i + "] is NaN");
      }
    }
  }

  static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }
}
