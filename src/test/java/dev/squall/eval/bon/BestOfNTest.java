package dev.squall.eval.bon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.SquallException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BestOfNTest {

  @Test
  void klOfBestOfN() {
    assertEquals(0, BestOfN.klBon(1), 0);
    assertEquals(Math.log(2) - 0.5, BestOfN.klBon(2), 1e-15);
    assertEquals(Math.log(64) - 63.0 / 64, BestOfN.klBon(64), 1e-12);
    assertThrows(SquallException.class, () -> BestOfN.klBon(0));
  }

  @Test
  void gaoFitRecoversAlphaBetaFromNoiselessPoints() {
    double alpha = 1.3;
    double beta = 0.4;
    int[] ns = {1, 2, 4, 8, 16, 32, 64};
    double[] d = new double[ns.length];
    double[] r = new double[ns.length];
    for (int i = 0; i < ns.length; i++) {
      d[i] = Math.sqrt(BestOfN.klBon(ns[i]));
      r[i] = d[i] * (alpha - beta * d[i]);
    }
    GaoFit fit = GaoFit.fit(d, r);
    assertEquals(alpha, fit.alpha(), 1e-10);
    assertEquals(beta, fit.beta(), 1e-10);
    assertEquals(alpha / (2 * beta), fit.peakD(), 1e-9);
    assertEquals(alpha * alpha / (4 * beta), fit.peakReward(), 1e-9);
    assertEquals(fit.peakReward(), fit.predict(fit.peakD()), 1e-12);
    GaoFit rising = GaoFit.fit(new double[] {1, 2}, new double[] {1, 2});
    assertEquals(Double.POSITIVE_INFINITY, rising.peakD());
    assertEquals(Double.POSITIVE_INFINITY, rising.peakN());
    // α < 0 < β: the fitted curve falls from d = 0, so the peak on d >= 0 is at N = 1 with no gain
    GaoFit falling = GaoFit.fit(new double[] {1, 2}, new double[] {-1.5, -5});
    assertTrue(falling.alpha() < 0 && falling.beta() > 0, falling.toString());
    assertEquals(0, falling.peakD());
    assertEquals(0, falling.peakReward());
    assertEquals(1.0, falling.peakN(), 1e-9);
    // the peak's N solves KL_bon(N) = d*^2
    assertEquals(fit.peakKl(), BestOfN.klBon((int) Math.round(fit.peakN())), 0.05);
    assertThrows(SquallException.class, () -> GaoFit.fit(new double[] {0, 1}, new double[] {0, 1}));
  }

  @Test
  void selectPicksProxyArgmaxOverNestedPrefixes() {
    double[][] proxy = {{0, 5, 1, 9}, {3, 2, 8, 1}};
    double[][] gold = {{1, 0, 2, -4}, {2, 7, 3, 5}};
    List<BestOfNCurve> c = BestOfN.select(proxy, gold, new int[] {1, 2, 4});
    // N=1: candidates 0 → proxy {0,3}, gold {1,2}.
    assertEquals(1.5, c.get(0).proxy().value(), 1e-12);
    assertEquals(1.5, c.get(0).gold().value(), 1e-12);
    // N=2: prompt0 picks k=1 (5; gold 0), prompt1 keeps k=0 (3 > 2; gold 2).
    assertEquals(4.0, c.get(1).proxy().value(), 1e-12);
    assertEquals(1.0, c.get(1).gold().value(), 1e-12);
    // N=4: prompt0 k=3 (9; gold −4), prompt1 k=2 (8; gold 3).
    assertEquals(8.5, c.get(2).proxy().value(), 1e-12);
    assertEquals(-0.5, c.get(2).gold().value(), 1e-12);
    assertEquals(BestOfN.klBon(4), c.get(2).kl(), 0);
    assertEquals(2, c.get(2).gold().n());
    SquallException e =
        assertThrows(SquallException.class, () -> BestOfN.select(proxy, gold, new int[] {8}));
    assertTrue(e.getMessage().contains("max(ns)=8"), e.getMessage());
  }

  @Test
  void overoptimisedProxyGivesAGoldPeak() {
    // Proxy = gold + a heavy exploitable term; gold is penalised by that term.
    SplittableRandom rnd = new SplittableRandom(5);
    int prompts = 400;
    int cand = 64;
    double[][] proxy = new double[prompts][cand];
    double[][] gold = new double[prompts][cand];
    for (int p = 0; p < prompts; p++) {
      for (int k = 0; k < cand; k++) {
        double g = rnd.nextGaussian();
        double hack = rnd.nextGaussian();
        proxy[p][k] = g + hack;
        gold[p][k] = g - 0.25 * hack * hack;
      }
    }
    BestOfN.Result r =
        BestOfN.analyse(proxy, gold, new int[] {1, 2, 4, 8, 16, 32, 64}, 0.95);
    List<BestOfNCurve> c = r.curve();
    assertTrue(c.get(6).proxy().value() > c.get(3).proxy().value());
    assertTrue(r.goldFit().alpha() > 0);
    assertTrue(r.goldFit().beta() > 0);
    assertTrue(Double.isFinite(r.goldFit().peakD()));
  }
}
