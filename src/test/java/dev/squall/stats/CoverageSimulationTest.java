package dev.squall.stats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.Seeds;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Nominal 95% intervals must cover the true value 93–97% of the time over 2,000 seeded simulated
 * datasets (Monte-Carlo standard error ≈ 0.5 pp, so the band is about ±4 SE).
 */
class CoverageSimulationTest {
  private static final int DATASETS = 2_000;
  private static final double LEVEL = 0.95;

  @Test
  void wilsonCoversTheProportion() {
    // Exact Wilson coverage at p = 0.4, n = 120 is 95.0% (summing the binomial pmf), so the
    // simulation checks the implementation rather than Wilson's known oscillation.
    double p = 0.4;
    int n = 120;
    SplittableRandom r = new SplittableRandom(Seeds.derive(11, "wilson"));
    int covered = 0;
    for (int k = 0; k < DATASETS; k++) {
      int x = 0;
      for (int i = 0; i < n; i++) {
        x += r.nextDouble() < p ? 1 : 0;
      }
      covered += new Proportion(x, n).wilson(LEVEL).contains(p) ? 1 : 0;
    }
    assertCoverage("wilson", covered);
  }

  @Test
  void pairedWaldCoversTheAccuracyDifference() {
    // A right w.p. 0.75; B right w.p. 0.8 when A is right, 0.4 otherwise → P(B) = 0.7.
    double truth = 0.75 - 0.7;
    int n = 200;
    SplittableRandom r = new SplittableRandom(Seeds.derive(12, "paired"));
    int covered = 0;
    double[] a = new double[n];
    double[] b = new double[n];
    for (int k = 0; k < DATASETS; k++) {
      for (int i = 0; i < n; i++) {
        boolean ra = r.nextDouble() < 0.75;
        a[i] = ra ? 1 : 0;
        b[i] = r.nextDouble() < (ra ? 0.8 : 0.4) ? 1 : 0;
      }
      covered += PairedDifference.wald(a, b, LEVEL).interval().contains(truth) ? 1 : 0;
    }
    assertCoverage("paired-wald", covered);
  }

  @Test
  void bootstrapBcaCoversTheMean() {
    int n = 100;
    double mu = 1.0;
    SplittableRandom r = new SplittableRandom(Seeds.derive(13, "bca"));
    int coveredBca = 0;
    int coveredPct = 0;
    double[] x = new double[n];
    for (int k = 0; k < DATASETS; k++) {
      for (int i = 0; i < n; i++) {
        x[i] = mu + r.nextGaussian();
      }
      Bootstrap boot = new Bootstrap(400, Seeds.derive(13, "dataset", k));
      coveredBca += boot.bca(x, Normal::mean, LEVEL).interval().contains(mu) ? 1 : 0;
      coveredPct += boot.percentile(x, Normal::mean, LEVEL).interval().contains(mu) ? 1 : 0;
    }
    assertCoverage("bootstrap-bca", coveredBca);
    assertCoverage("bootstrap-percentile", coveredPct);
  }

  @Test
  void pairedBootstrapCoversTheAccuracyDifference() {
    double truth = 0.05;
    int n = 200;
    SplittableRandom r = new SplittableRandom(Seeds.derive(14, "paired-bootstrap"));
    int covered = 0;
    double[] a = new double[n];
    double[] b = new double[n];
    for (int k = 0; k < DATASETS; k++) {
      for (int i = 0; i < n; i++) {
        boolean ra = r.nextDouble() < 0.75;
        a[i] = ra ? 1 : 0;
        b[i] = r.nextDouble() < (ra ? 0.8 : 0.4) ? 1 : 0;
      }
      Bootstrap boot = new Bootstrap(300, Seeds.derive(14, "dataset", k));
      covered += boot.pairedDifference(a, b, LEVEL).interval().contains(truth) ? 1 : 0;
    }
    assertCoverage("paired-bootstrap", covered);
  }

  private static void assertCoverage(String what, int covered) {
    double rate = (double) covered / DATASETS;
    assertTrue(
        rate >= 0.93 && rate <= 0.97,
        what + ": expected 93–97% coverage over " + DATASETS + " datasets, got " + rate);
  }
}
