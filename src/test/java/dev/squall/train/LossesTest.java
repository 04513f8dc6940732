package dev.squall.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class LossesTest {
  @Test
  void bradleyTerryGradientPushesChosenUpAndRejectedDown() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray rc = m.create(new float[] {0.3f, -1f, 2f});
      NDArray rr = m.create(new float[] {0.5f, 1f, -2f});
      rc.setRequiresGradient(true);
      rr.setRequiresGradient(true);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray loss = Losses.bradleyTerry(rc, rr);
        // mean of softplus(-(rc-rr)) = mean(log(1+exp(-d)))
        double expected = 0;
        float[] d = {-0.2f, -2f, 4f};
        for (float x : d) {
          expected += Math.log1p(Math.exp(-x)) / 3;
        }
        assertEquals(expected, loss.getFloat(), 1e-6);
        gc.backward(loss);
      }
      float[] gc = rc.getGradient().toFloatArray();
      float[] gr = rr.getGradient().toFloatArray();
      for (int i = 0; i < 3; i++) {
        assertTrue(gc[i] < 0, "dL/dr_chosen must be negative");
        assertTrue(gr[i] > 0, "dL/dr_rejected must be positive");
        assertEquals(-gc[i], gr[i], 1e-7);
      }
      // sigma(-d)/n for d = -0.2
      assertEquals(-(1 / (1 + Math.exp(-0.2))) / 3, gc[0], 1e-6);
    }
  }

  @Test
  void bradleyTerryIsStableForLargeMargins() {
    try (NDManager m = NDManager.newBaseManager()) {
      float big = Losses.bradleyTerry(m.create(new float[] {-200f}), m.create(new float[] {200f}))
          .getFloat();
      float small = Losses.bradleyTerry(m.create(new float[] {200f}), m.create(new float[] {-200f}))
          .getFloat();
      assertEquals(400f, big, 1e-3);
      assertEquals(0f, small, 1e-6);
      assertEquals(Math.log(2), Losses.bradleyTerry(m.create(new float[] {1f}),
          m.create(new float[] {1f})).getFloat(), 1e-6);
    }
  }

  @Test
  void maskedCrossEntropyMatchesHandComputation() {
    try (NDManager m = NDManager.newBaseManager()) {
      float[] logits = {1f, 2f, 3f, 0f, 0f, 5f};
      NDArray l = m.create(logits, new Shape(1, 2, 3));
      NDArray t = m.create(new long[] {2, 0}, new Shape(1, 2));
      NDArray mask = m.create(new float[] {1f, 0f}, new Shape(1, 2));
      double lse = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
      assertEquals(lse - 3, Losses.tokenCrossEntropy(l, t, mask).getFloat(), 1e-5);
      NDArray both = m.create(new float[] {1f, 1f}, new Shape(1, 2));
      double lse2 = Math.log(2 + Math.exp(5));
      assertEquals(((lse - 3) + lse2) / 2, Losses.tokenCrossEntropy(l, t, both).getFloat(), 1e-5);
    }
  }
}
