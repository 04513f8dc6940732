package dev.squall.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.SquallException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StatsKnownAnswerTest {

  @Test
  void wilsonMatchesPublishedValues() {
    Interval w = new Proportion(8, 10).wilson(0.95);
    assertEquals(0.490, w.lower(), 5e-4);
    assertEquals(0.943, w.upper(), 5e-4);
    assertEquals("wilson", w.method());
    // Newcombe (1998) table I: 15/148 → 0.0624–0.1605 (Wilson, no continuity correction).
    Interval n = new Proportion(15, 148).wilson(0.95);
    assertEquals(0.0624, n.lower(), 5e-5);
    assertEquals(0.1605, n.upper(), 5e-5);
    Interval zero = new Proportion(0, 10).wilson(0.95);
    assertEquals(0.0, zero.lower(), 1e-12);
    assertEquals(0.2775, zero.upper(), 5e-5);
  }

  @Test
  void clopperPearsonMatchesPublishedValues() {
    Interval cp = new Proportion(8, 10).clopperPearson(0.95);
    assertEquals(0.444, cp.lower(), 5e-4);
    assertEquals(0.975, cp.upper(), 5e-4);
    Interval zero = new Proportion(0, 10).clopperPearson(0.95);
    assertEquals(0.0, zero.lower(), 0);
    assertEquals(0.308, zero.upper(), 5e-4);
    Interval all = new Proportion(10, 10).clopperPearson(0.95);
    assertEquals(0.692, all.lower(), 5e-4);
    assertEquals(1.0, all.upper(), 0);
  }

  @Test
  void proportionRejectsBadInputNamingTheParameter() {
    SquallException e = assertThrows(SquallException.class, () -> new Proportion(0, 0));
    assertTrue(e.getMessage().contains("n must be > 0, was 0"), e.getMessage());
    e = assertThrows(SquallException.class, () -> new Proportion(11, 10));
    assertTrue(e.getMessage().contains("successes"), e.getMessage());
    e = assertThrows(SquallException.class, () -> new Proportion(1, 10).wilson(1.0));
    assertTrue(e.getMessage().contains("level must be in (0, 1), was 1.0"), e.getMessage());
    e = assertThrows(SquallException.class, () -> new Proportion(1, 10).clopperPearson(0));
    assertTrue(e.getMessage().contains("level"), e.getMessage());
  }

  @Test
  void mcNemarExactMatchesHandCalculation() {
    // b=10, c=2: 2 * P(Bin(12, 1/2) <= 2) = 2 * (1 + 12 + 66) / 4096 = 0.03857.
    McNemar m = McNemar.ofCounts(5, 10, 2, 3);
    assertEquals(158.0 / 4096, m.pValue(), 1e-12);
    assertEquals(0.0386, m.pValue(), 5e-5);
    assertEquals(20, m.n());
    assertEquals(1.0, McNemar.ofCounts(3, 0, 0, 4).pValue(), 0);
    // Far tails must not cancel to 0 (b=198, c=24: 2 * sum_{k<=24} C(222, k) / 2^222, exact).
    BigInteger tail = BigInteger.ZERO;
    BigInteger binom = BigInteger.ONE;
    for (int k = 0; k <= 24; k++) {
      tail = tail.add(binom);
      binom = binom.multiply(BigInteger.valueOf(222 - k)).divide(BigInteger.valueOf(k + 1));
    }
    double exact = new BigDecimal(tail.shiftLeft(1))
        .divide(new BigDecimal(BigInteger.ONE.shiftLeft(222)), MathContext.DECIMAL64)
        .doubleValue();
    double p = McNemar.ofCounts(0, 198, 24, 0).pValue();
    assertTrue(p > 0 && Math.abs(p - exact) / exact < 1e-9, p + " vs exact " + exact);
    assertEquals(1.0, McNemar.ofCounts(0, 3, 3, 0).pValue(), 0);
    McNemar fromItems =
        McNemar.of(
            new boolean[] {true, true, false, false, true},
            new boolean[] {true, false, true, false, false});
    assertEquals(1, fromItems.a());
    assertEquals(2, fromItems.b());
    assertEquals(1, fromItems.c());
    assertEquals(1, fromItems.d());
    // b=2, c=1: 2 * P(Bin(3, 1/2) <= 1) = 2 * 4/8 = 1.
    assertEquals(1.0, fromItems.pValue(), 1e-12);
    SquallException e =
        assertThrows(
            SquallException.class, () -> McNemar.of(new boolean[2], new boolean[3]));
    assertTrue(e.getMessage().contains("mismatched lengths"), e.getMessage());
  }

  @Test
  void holmMatchesHandExample() {
    // Sorted 0.005, 0.01, 0.03, 0.04 → ×4, ×3, ×2, ×1 = 0.02, 0.03, 0.06, 0.04 → cummax.
    Holm h = Holm.adjust(new double[] {0.01, 0.04, 0.03, 0.005}, 0.05);
    assertEquals(0.03, h.adjusted().get(0), 1e-12);
    assertEquals(0.06, h.adjusted().get(1), 1e-12);
    assertEquals(0.06, h.adjusted().get(2), 1e-12);
    assertEquals(0.02, h.adjusted().get(3), 1e-12);
    assertEquals(List.of(true, false, false, true), h.rejected());
    Holm capped = Holm.adjust(new double[] {0.6, 0.7}, 0.05);
    assertEquals(List.of(1.0, 1.0), capped.adjusted());
    assertThrows(SquallException.class, () -> Holm.adjust(new double[] {1.2}, 0.05));
    assertThrows(SquallException.class, () -> Holm.adjust(new double[0], 0.05));
  }

  @Test
  void pairedWaldMatchesMcNemarCountFormula() {
    // a=5 both right, b=10 first only, c=2 second only, d=3 both wrong; n=20.
    double[] x = new double[20];
    double[] y = new double[20];
    for (int i = 0; i < 5; i++) {
      x[i] = 1;
      y[i] = 1;
    }
    for (int i = 5; i < 15; i++) {
      x[i] = 1;
    }
    for (int i = 15; i < 17; i++) {
      y[i] = 1;
    }
    Estimate e = PairedDifference.wald(x, y, 0.95);
    assertEquals(0.4, e.value(), 1e-12);
    double se = Math.sqrt((12 - 64.0 / 20) / 400);
    assertEquals(0.4 - 1.959964 * se, e.interval().lower(), 1e-5);
    assertEquals(0.4 + 1.959964 * se, e.interval().upper(), 1e-5);
    assertEquals("paired-wald", e.interval().method());
    SquallException ex =
        assertThrows(
            SquallException.class, () -> PairedDifference.wald(new double[2], new double[3], 0.95));
    assertTrue(ex.getMessage().contains("a has 2, b has 3"), ex.getMessage());
  }

  @Test
  void bootstrapIsSeededAndSensible() {
    SplittableRandom r = new SplittableRandom(3);
    double[] x = new double[400];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextGaussian() * 2 + 5;
    }
    Bootstrap b = new Bootstrap(1000, 42);
    Estimate p1 = b.percentile(x, Normal::mean, 0.95);
    Estimate p2 = new Bootstrap(1000, 42).percentile(x, Normal::mean, 0.95);
    assertEquals(p1, p2);
    Estimate normal = Normal.meanInterval(x, 0.95);
    assertEquals(normal.interval().lower(), p1.interval().lower(), 0.05);
    assertEquals(normal.interval().upper(), p1.interval().upper(), 0.05);
    Estimate bca = b.bca(x, Normal::mean, 0.95);
    assertEquals(normal.interval().lower(), bca.interval().lower(), 0.05);
    assertEquals(normal.interval().upper(), bca.interval().upper(), 0.05);
    assertFalse(new Bootstrap(1000, 43).percentile(x, Normal::mean, 0.95).equals(p1));
    Estimate constant = b.bca(new double[] {2, 2, 2, 2}, Normal::mean, 0.95);
    assertEquals(2, constant.interval().lower(), 0);
    assertEquals(2, constant.interval().upper(), 0);
    assertThrows(SquallException.class, () -> new Bootstrap(10, 1));
    SquallException e =
        assertThrows(SquallException.class, () -> b.percentile(new double[0], Normal::mean, 0.9));
    assertTrue(e.getMessage().contains("items must not be empty (n=0)"), e.getMessage());
  }

  @Test
  void differenceInGapIsTheDoubleDifference() {
    double[] cloudId = {1, 1, 1, 1};
    double[] classicId = {1, 1, 1, 0};
    double[] cloudOod = {1, 1, 0, 0, 1};
    double[] classicOod = {0, 0, 0, 1, 0};
    // CLoud gap 1 - 0.6 = 0.4; classic gap 0.75 - 0.2 = 0.55; difference -0.15.
    Bootstrap b = new Bootstrap(500, 1);
    Estimate dig = DifferenceInGap.of(cloudId, classicId, cloudOod, classicOod, b, 0.95);
    assertEquals(-0.15, dig.value(), 1e-12);
    assertEquals(9, dig.n());
    assertTrue(dig.interval().contains(-0.15));
    Estimate gap = DifferenceInGap.gap(cloudId, cloudOod, b, 0.95);
    assertEquals(0.4, gap.value(), 1e-12);
    assertThrows(
        SquallException.class,
        () -> DifferenceInGap.of(cloudId, classicOod, cloudOod, classicOod, b, 0.95));
  }

  @Test
  void quantilesAreTypeSeven() {
    double[] v = {4, 1, 3, 2};
    assertEquals(1, Quantiles.of(v, 0), 0);
    assertEquals(2.5, Quantiles.of(v, 0.5), 1e-12);
    assertEquals(1.75, Quantiles.of(v, 0.25), 1e-12);
    assertEquals(4, Quantiles.of(v, 1), 0);
  }
}
