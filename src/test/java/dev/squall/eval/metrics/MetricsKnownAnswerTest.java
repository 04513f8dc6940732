package dev.squall.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.SquallException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricsKnownAnswerTest {
  private static final double[] CHOSEN = {2, 1, 0, 3};
  private static final double[] REJECTED = {1, 1, 1, 0};

  @Test
  void pairwiseAccuracyHonoursTiePolicy() {
    assertEquals(TiePolicy.HALF, TiePolicy.defaultPolicy());
    assertEquals(2.5 / 4, PairwiseAccuracy.of(CHOSEN, REJECTED, TiePolicy.HALF, 0.95).value());
    assertEquals(2.0 / 4, PairwiseAccuracy.of(CHOSEN, REJECTED, TiePolicy.WRONG, 0.95).value());
    assertEquals(3.0 / 4, PairwiseAccuracy.of(CHOSEN, REJECTED, TiePolicy.RIGHT, 0.95).value());
    MetricValue v = PairwiseAccuracy.of(CHOSEN, REJECTED, TiePolicy.HALF, 0.95);
    assertEquals(4, v.n());
    assertEquals(MetricId.PAIRWISE_ACCURACY, v.id());
    assertTrue(v.interval().contains(v.value()));
    SquallException e =
        assertThrows(
            SquallException.class,
            () -> PairwiseAccuracy.of(new double[] {1}, new double[] {1, 2}, TiePolicy.HALF, 0.95));
    assertTrue(e.getMessage().contains("chosen has 1, rejected has 2"), e.getMessage());
  }

  @Test
  void attackMetricsByHand() {
    // Before: pairs 0 and 3 strictly correct, 1 tied, 2 wrong.
    double[] chosenAfter = {0, 2, 0, 3};
    double[] rejectedAfter = {1, 1, 1, 3};
    // After: pair 0 flipped, pair 3 tied (counts as success), pair 1 now right.
    MetricValue asr =
        AttackMetrics.attackSuccessRate(CHOSEN, REJECTED, chosenAfter, rejectedAfter, 0.95);
    assertEquals(1.0, asr.value());
    assertEquals(2, asr.n());
    // HALF credits: before {1, .5, 0, 1} = 2.5; after {0, 1, 0, .5} = 1.5 → drop 0.25.
    MetricValue drop =
        AttackMetrics.accuracyDrop(
            CHOSEN, REJECTED, chosenAfter, rejectedAfter, TiePolicy.HALF, 0.95);
    assertEquals(0.25, drop.value(), 1e-12);
    // Signs before {+, 0, -, +}, after {-, +, -, 0} → only pair 2 agrees.
    assertEquals(
        0.25,
        AttackMetrics.rankingConsistency(CHOSEN, REJECTED, chosenAfter, rejectedAfter, 0.95)
            .value());
    // Margins before {1, 0, -1, 3}, after {-1, 1, -1, 0} → Δ {-2, 1, 0, -3}.
    MarginChange mc =
        AttackMetrics.marginChange(CHOSEN, REJECTED, chosenAfter, rejectedAfter, 0.95);
    assertEquals(-1.0, mc.mean().value(), 1e-12);
    assertEquals(-3, mc.min());
    assertEquals(1, mc.max());
    assertEquals(-1.0, mc.median(), 1e-12);
    assertEquals(-2.25, mc.q25(), 1e-12);
    SquallException e =
        assertThrows(
            SquallException.class,
            () ->
                AttackMetrics.attackSuccessRate(
                    new double[] {0}, new double[] {1}, new double[] {0}, new double[] {1}, 0.95));
    assertTrue(e.getMessage().contains("n=0"), e.getMessage());
  }

  @Test
  void masterKeyFalsePositiveRate() {
    double[] keys = {0.9, 0.1, 0.5, 0.7, 0.2};
    assertEquals(0.6, AttackMetrics.masterKeyFprAtThreshold(keys, 0.5, 0.95).value(), 1e-12);
    double[] baseline = {1.0, 0.0, 0.5, 0.1, 0.3};
    assertEquals(0.4, AttackMetrics.masterKeyFprAgainst(keys, baseline, 0.95).value(), 1e-12);
  }

  @Test
  void rewardBenchSectionsUseOfficialWeights() {
    assertEquals(Optional.of(RewardBenchSection.CHAT_HARD),
        RewardBenchSection.ofSubset("llmbar-adver-GPTOut"));
    assertEquals(Optional.empty(), RewardBenchSection.ofSubset("arithmetic/test"));
    int total = 0;
    for (RewardBenchSection s : RewardBenchSection.values()) {
      for (String sub : s.subsets()) {
        total += RewardBenchSection.officialCount(sub);
      }
    }
    assertEquals(2985 - 447 + 984, total);
    List<String> subsets = new ArrayList<>();
    List<Double> credits = new ArrayList<>();
    // math-prm: 2 rows, 1 right (acc 0.5, weight 984); hep-go: 4 rows all right (acc 1, w 164).
    add(subsets, credits, "math-prm", 1, 0);
    add(subsets, credits, "hep-go", 1, 1, 1, 1);
    // mt-bench-easy acc 0 (w 28), alpacaeval-easy acc 1 (w 100).
    add(subsets, credits, "mt-bench-easy", 0);
    add(subsets, credits, "alpacaeval-easy", 1);
    add(subsets, credits, "arithmetic/test", 1);
    double[] c = credits.stream().mapToDouble(Double::doubleValue).toArray();
    RewardBenchScores official =
        RewardBenchScores.of(subsets, c, RewardBenchScores.Weighting.OFFICIAL, 0.95);
    assertEquals(5, official.subsets().size());
    assertEquals(2, official.sections().size());
    assertEquals(RewardBenchSection.CHAT, official.sections().get(0).section());
    assertEquals(100.0 / 128, official.sections().get(0).score().value(), 1e-12);
    double reasoning = (984 * 0.5 + 164 * 1.0) / (984 + 164);
    assertEquals(reasoning, official.sections().get(1).score().value(), 1e-12);
    assertEquals(6, official.sections().get(1).score().n());
    assertEquals((100.0 / 128 + reasoning) / 2, official.average(), 1e-12);
    RewardBenchScores observed =
        RewardBenchScores.of(subsets, c, RewardBenchScores.Weighting.OBSERVED, 0.95);
    assertEquals(5.0 / 6, observed.sections().get(1).score().value(), 1e-12);
    assertEquals(0.5, observed.sections().get(0).score().value(), 1e-12);
  }

  private static void add(List<String> s, List<Double> c, String subset, double... credits) {
    for (double x : credits) {
      s.add(subset);
      c.add(x);
    }
  }

  @Test
  void rewardBench2BestOfFour() {
    assertEquals(1.0, RewardBench2.rowScore(new double[] {3}, new double[] {1, 2, 0}));
    assertEquals(0.0, RewardBench2.rowScore(new double[] {1}, new double[] {1, 2, 0}));
    assertEquals(0.5, RewardBench2.rowScore(new double[] {2}, new double[] {1, 2, 0}));
    assertEquals(0.25, RewardBench2.rowScore(new double[] {2}, new double[] {2, 2, 2}));
    // Two chosen responses tied at the max with one rejected: 1/3.
    assertEquals(1.0 / 3, RewardBench2.rowScore(new double[] {5, 5}, new double[] {5, 1}), 1e-12);
    MetricValue v = RewardBench2.score(new double[] {1, 0, 0.5, 0.25}, 0.95);
    assertEquals(1.75 / 4, v.value(), 1e-12);
    assertEquals(MetricId.REWARDBENCH2_BEST_OF_4, v.id());
  }

  @Test
  void rmBenchMatrixTriangles() {
    // One row: chosen {1, 2, 3}, rejected {1.5, 2.5, 0}.
    RmBenchMatrix m =
        RmBenchMatrix.of(
            List.of(new double[] {1, 2, 3}), List.of(new double[] {1.5, 2.5, 0}), TiePolicy.WRONG);
    // A = [[0,0,1],[1,0,1],[1,1,1]]: hard = (A01+A02+A12)/3 = 2/3, normal = 1/3, easy = 1.
    assertEquals(0, m.at(0, 1));
    assertEquals(1, m.at(0, 2));
    assertEquals(2.0 / 3, m.hard(), 1e-12);
    assertEquals(1.0 / 3, m.normal(), 1e-12);
    assertEquals(1.0, m.easy(), 1e-12);
    RmBenchMatrix two =
        RmBenchMatrix.of(
            List.of(new double[] {1, 1, 1}, new double[] {0, 0, 0}),
            List.of(new double[] {0, 0, 0}, new double[] {1, 1, 1}),
            TiePolicy.HALF);
    assertEquals(0.5, two.hard(), 1e-12);
    assertEquals(2, two.n());
    assertThrows(
        SquallException.class,
        () -> RmBenchMatrix.of(List.of(new double[2]), List.of(new double[3]), TiePolicy.HALF));
  }

  @Test
  void calibrationByHand() {
    // Margins 0 (p = .5), ln 3 (p = .75), -ln 3 (p = .25 → conf .75, wrong), ln 19 (p = .95).
    double l3 = Math.log(3);
    double[] chosen = {0, l3, 0, Math.log(19)};
    double[] rejected = {0, 0, l3, 0};
    Calibration c = Calibration.of(chosen, rejected, 5);
    // Bins of width .1 over [.5, 1]: .5 → bin 0 (acc .5, conf .5); .75 twice → bin 2 (acc .5,
    // conf .75); .95 → bin 4 (acc 1, conf .95). ECE = 0 + 2/4·.25 + 1/4·.05 = .1375.
    assertEquals(0.1375, c.ece(), 1e-12);
    assertEquals(2, c.bins().get(2).n());
    assertEquals(0, c.bins().get(1).n());
    assertEquals(1, c.bins().get(4).n());
  }

  @Test
  void rewardScaleShift() {
    RewardScale s = RewardScale.shift(new double[] {1, 2, 3}, new double[] {2, 4, 6});
    assertEquals(2, s.reference().mean(), 1e-12);
    assertEquals(1, s.reference().std(), 1e-12);
    assertEquals(2, s.meanShift(), 1e-12);
    assertEquals(1, s.stdShift(), 1e-12);
  }
}
