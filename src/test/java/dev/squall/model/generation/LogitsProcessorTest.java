package dev.squall.model.generation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LogitsProcessorTest {
  @Test
  void repetitionPenaltyFollowsHuggingFace() {
    float[] logits = {2f, -2f, 1f, 0.5f};
    // token 0 seen twice: penalised once; negative logit multiplied, positive divided.
    LogitsProcessor.applyRepetitionPenalty(logits, new long[] {0, 1, 0}, 3, 2f);
    assertArrayEquals(new float[] {1f, -4f, 1f, 0.5f}, logits);
  }

  @Test
  void penaltyCanChangeTheGreedyChoice() {
    float[] logits = {2f, 1.5f};
    GenerationConfig cfg = new GenerationConfig(1, 0, 1, 1.5, java.util.Set.of(), true);
    assertEquals(1, LogitsProcessor.next(logits, new long[] {0}, 1, cfg, new SplittableRandom(0)));
  }

  @Test
  void nucleusKeepsTheTokenThatCrossesTheThreshold() {
    double[] p = {0.5, 0.3, 0.15, 0.05};
    LogitsProcessor.nucleus(p, 0.7);
    assertArrayEquals(new double[] {0.5 / 0.8, 0.3 / 0.8, 0, 0}, p, 1e-12);
    double[] q = {0.5, 0.3, 0.15, 0.05};
    LogitsProcessor.nucleus(q, 0.5);
    assertArrayEquals(new double[] {1, 0, 0, 0}, q, 1e-12);
  }

  @Test
  void samplingFollowsTheDistribution() {
    double[] p = LogitsProcessor.softmax(new float[] {0f, (float) Math.log(3)}, 1.0);
    SplittableRandom rng = new SplittableRandom(42);
    int ones = 0;
    int n = 20000;
    for (int i = 0; i < n; i++) {
      ones += LogitsProcessor.sample(p, rng);
    }
    // P(1) = 0.75; 5 sigma = 5 * sqrt(0.75*0.25/20000) ≈ 0.0153
    assertEquals(0.75, ones / (double) n, 0.0153);
  }

  @Test
  void temperatureSharpens() {
    double[] hot = LogitsProcessor.softmax(new float[] {0f, 1f}, 2.0);
    double[] cold = LogitsProcessor.softmax(new float[] {0f, 1f}, 0.5);
    assertEquals(1 / (1 + Math.exp(-0.5)), hot[1], 1e-12);
    assertEquals(1 / (1 + Math.exp(-2)), cold[1], 1e-12);
  }
}
