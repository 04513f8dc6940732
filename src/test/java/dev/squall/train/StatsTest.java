package dev.squall.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StatsTest {
  @Test
  void wilsonMatchesKnownValues() {
    double[] w = Stats.wilson(95, 100);
    assertEquals(0.8882, w[0], 1e-3);
    assertEquals(0.9785, w[1], 1e-3);
  }

  @Test
  void mcnemarExactIsTwoSidedBinomial() {
    // b=10, c=0: p = 2 * 0.5^10
    assertEquals(2 * Math.pow(0.5, 10), Stats.mcnemarExact(10, 0), 1e-12);
    assertEquals(1.0, Stats.mcnemarExact(5, 5), 1e-12);
    assertEquals(1.0, Stats.mcnemarExact(0, 0), 1e-12);
  }
}
