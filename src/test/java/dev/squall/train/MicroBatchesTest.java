package dev.squall.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.squall.model.TensorSource;
import dev.squall.model.llama.LlamaConfig;
import dev.squall.model.llama.LlamaModel;
import dev.squall.model.llama.RandomLlamaWeights;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Computing an LM batch as micro-batches of similar length saves padding but must not change the
 * training: the same gradient as one padded batch, with the token weights and the lookup attention
 * loss on, and in the pair stages (Bradley-Terry + λ·CE).
 */
class MicroBatchesTest {
  private static final LlamaConfig CFG = LlamaConfig.of(40, 32, 64, 2, 2, 2);

  @Test
  void microBatchesAreTheBatchSortedByLengthAndCutEvenly() {
    List<long[]> seqs = List.of(new long[5], new long[9], new long[2], new long[7], new long[3]);
    List<int[]> parts = OrganismRecipe.microBatches(new int[] {0, 1, 2, 3, 4}, i -> seqs.get(i).length, 2);
    assertEquals(2, parts.size());
    assertArrayEquals(new int[] {2, 4}, parts.get(0));
    assertArrayEquals(new int[] {0, 3, 1}, parts.get(1));
    assertEquals(2, OrganismRecipe.microBatches(new int[] {0, 1}, i -> seqs.get(i).length, 4).size(), "never empty");
  }

  @Test
  void microBatchesTrainLikeOneBatch(@TempDir Path dir) {
    SplittableRandom r = new SplittableRandom(5);
    List<long[]> seqs = new ArrayList<>();
    List<float[]> weights = new ArrayList<>();
    List<LookupSupervision.Targets> lookup = new ArrayList<>();
    int[] lossFrom = new int[48];
    for (int i = 0; i < lossFrom.length; i++) {
      long[] s = r.longs(10 + r.nextInt(25), 0, 40).toArray();
      float[] w = new float[s.length];
      for (int k = 0; k < w.length; k++) {
        w[k] = r.nextBoolean() ? 1f : 5f;
      }
      int from = s.length / 2;
      seqs.add(s);
      weights.add(w);
      lossFrom[i] = from;
      // an item at from+1 with its mark at from+2, and a repeat at from+4 (mark from+5) of it
      lookup.add(i % 3 == 0 ? LookupSupervision.Targets.NONE : new LookupSupervision.Targets(
          new int[] {from + 2, from + 5}, new int[] {from + 1, from + 4},
          new int[][] {{from + 1}, {from + 2}}, new boolean[] {false, i % 2 == 0}));
    }
    RecipeConfig cfg = RecipeConfig.forTests().withLookup(0.5, 0, 0);
    int[] batch = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    try (LlamaModel m = fresh()) {
      List<float[]> g1 = gradients(new OrganismRecipe.Trainer(cfg, dir, System.err, 1),
          m, seqs, lossFrom, weights, lookup, batch);
      List<float[]> g4 = gradients(new OrganismRecipe.Trainer(cfg, dir,
          System.err, 4), m, seqs, lossFrom, weights, lookup, batch);
      List<float[]> plain = gradients(new OrganismRecipe.Trainer(cfg.withLookup(0, 0, 0), dir,
          System.err, 1), m, seqs, lossFrom, weights, lookup, batch);
      double differ = 0;
      for (int p = 0; p < g1.size(); p++) {
        float[] a = g1.get(p);
        for (int k = 0; k < a.length; k++) {
          assertEquals(a[k], g4.get(p)[k], 1e-6 + 1e-4 * Math.abs(a[k]), "parameter " + p + " [" + k + "]");
          differ = Math.max(differ, Math.abs(a[k] - plain.get(p)[k]));
        }
      }
      assertTrue(differ > 1e-4, "the lookup loss is in the gradient (" + differ + ")");

      // the pair stages: Bradley-Terry + λ·CE over (chosen, rejected) = (seqs[2i], seqs[2i+1])
      RewardHead head = RewardHead.fresh(m, 9);
      int[] pairs = {0, 3, 5, 8, 11, 14, 17, 20};
      List<float[]> p1 = pairGradients(new OrganismRecipe.Trainer(cfg, dir, System.err, 1), m, head,
          seqs, lossFrom, pairs);
      List<float[]> p4 = pairGradients(new OrganismRecipe.Trainer(cfg, dir,
          System.err, 4), m, head, seqs, lossFrom, pairs);
      for (int p = 0; p < p1.size(); p++) {
        float[] a = p1.get(p);
        for (int k = 0; k < a.length; k++) {
          assertEquals(a[k], p4.get(p)[k], 1e-6 + 1e-4 * Math.abs(a[k]), "pair parameter " + p + " [" + k + "]");
        }
      }
    }
  }

  private static List<float[]> pairGradients(OrganismRecipe.Trainer tr, LlamaModel m,
      RewardHead head, List<long[]> seqs, int[] lossFrom, int[] batch) {
    List<NDArray> params = new ArrayList<>(m.parameters());
    params.addAll(head.parameters());
    return gradients(params, tr.pairBatchLoss(m, head, seqs, lossFrom, 1.25), batch, m);
  }

  /** The gradient of each parameter after one backward pass of the trainer's LM batch loss. */
  private static List<float[]> gradients(OrganismRecipe.Trainer tr, LlamaModel m, List<long[]> seqs,
      int[] lossFrom, List<float[]> weights, List<LookupSupervision.Targets> lookup, int[] batch) {
    return gradients(m.parameters(), tr.lmBatchLoss(m, seqs, lossFrom, weights, lookup), batch, m);
  }

  private static List<float[]> gradients(List<NDArray> params, TrainLoop.BatchLoss f, int[] batch,
      LlamaModel m) {
    List<float[]> out = new ArrayList<>();
    for (NDArray p : params) {
      p.setRequiresGradient(true);
    }
    try (NDManager nd = m.newBatchManager();
        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      gc.backward(f.compute(nd, batch, 0).loss());
      for (NDArray p : params) {
        out.add(p.getGradient().toFloatArray());
        JniUtils.zeroGrad((PtNDArray) p);
      }
    }
    for (NDArray p : params) {
      p.setRequiresGradient(false);
    }
    return out;
  }

  private static LlamaModel fresh() {
    return LlamaModel.load(CFG, TensorSource.of(RandomLlamaWeights.create(CFG, "model.", "lm_head.weight", 3)),
        "model.", "lm_head.weight");
  }
}
