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
}
