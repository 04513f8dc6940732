package dev.squall.stats;

import dev.squall.SquallException;

/** Argument checks whose messages name the parameter, its value and what was allowed. */
final class Checks {
  private Checks() {}

  static void level(double level) {
    if (!(level > 0 && level < 1)) {
      throw new SquallException("level must be in (0, 1), was " + level);
    }
  }

  static void nonEmpty(String name, double[] values) {
    if (values == null) {
      throw new SquallException(name + " must not be null");
    }
    if (values.length == 0) {
      throw new SquallException(name + " must not be empty (n=0)");
    }
  }

  static void sameLength(String a, double[] x, String b, double[] y) {
    nonEmpty(a, x);
    nonEmpty(b, y);
    if (x.length != y.length) {
      throw new SquallException(
          "mismatched lengths: " + a + " has " + x.length + ", " + b + " has " + y.length);
    }
  }

  static void finite(String name, double[] values) {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new SquallException(name + "[" + i + "] must be finite, was " + values[i]);
      }
    }
  }

  static void positive(String name, long value) {
    if (value <= 0) {
      throw new SquallException(name + " must be > 0, was " + value);
    }
  }
}
