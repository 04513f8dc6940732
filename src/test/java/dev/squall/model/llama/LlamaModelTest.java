package dev.squall.model.llama;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.squall.model.HostTensor;
import dev.squall.model.TensorSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The DJL runtime against the independent double-precision reference, on random tiny configs. */
class LlamaModelTest {
  static final double TOLERANCE = 1e-4;

  static Stream<Arguments> configs() {
    LlamaConfig base = LlamaConfig.of(61, 32, 48, 2, 4, 4);
    return Stream.of(
        Arguments.of("MHA untied", base),
        Arguments.of("GQA 4q/2kv", LlamaConfig.of(61, 32, 48, 2, 4, 2)),
        Arguments.of("MQA 4q/1kv tied", LlamaConfig.of(61, 32, 40, 3, 4, 1).withTiedEmbeddings(true)),
        Arguments.of(
            "llama3 rope scaling",
            LlamaConfig.of(61, 32, 48, 2, 2, 1).withRopeScaling(new RopeScaling(8, 1, 4, 16))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configs")
  void logitsMatchReferenceOnPaddedBatch(String name, LlamaConfig c) {
    String head = c.tieWordEmbeddings() ? null : "lm_head.weight";
    Map<String, HostTensor> w = RandomLlamaWeights.create(c, "model.", head, 7);
    // Larger weights than the 0.02 init so attention patterns and norms are not trivial.
    w.replaceAll((k, t) -> k.endsWith("norm.weight") ? t : scale(t, 6f));
    ReferenceLlama ref = new ReferenceLlama(c, w, "model.", head);
    Random rnd = new Random(11);
    List<long[]> seqs = new ArrayList<>();
    for (int len : new int[] {9, 3, 17, 1}) {
      long[] s = new long[len];
      for (int i = 0; i < len; i++) {
        s[i] = rnd.nextInt(c.vocabSize());
      }
      seqs.add(s);
    }
    try (LlamaModel m = LlamaModel.load(c, TensorSource.of(w), "model.", head);
        NDManager batch = m.newBatchManager()) {
      TokenBatch tb = TokenBatch.leftPadded(seqs);
      NDArray logits = m.logits(m.forward(batch, tb, null));
      float[] got = logits.toFloatArray();
      int v = c.vocabSize();
      for (int r = 0; r < seqs.size(); r++) {
        long[] s = seqs.get(r);
        double[][] want = ref.logits(toInt(s));
        int pad = tb.length() - s.length;
        double maxAbs = 0;
        double maxDiff = 0;
        for (int t = 0; t < s.length; t++) {
          for (int k = 0; k < v; k++) {
            double g = got[(r * tb.length() + pad + t) * v + k];
            maxAbs = Math.max(maxAbs, Math.abs(want[t][k]));
            maxDiff = Math.max(maxDiff, Math.abs(g - want[t][k]));
          }
        }
        assertTrue(maxAbs > 0.1, "logits too small to be a meaningful check: " + maxAbs);
        assertTrue(
            maxDiff <= TOLERANCE * maxAbs,
            name + " row " + r + ": max |diff| " + maxDiff + " vs max |logit| " + maxAbs);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configs")
  void incrementalForwardWithCacheMatchesFullForward(String name, LlamaConfig c) {
    String head = c.tieWordEmbeddings() ? null : "lm_head.weight";
    Map<String, HostTensor> w = RandomLlamaWeights.create(c, "model.", head, 3);
    List<long[]> seqs = List.of(new long[] {5, 6, 7, 8, 9, 10}, new long[] {1, 2, 3, 4});
    try (LlamaModel m = LlamaModel.load(c, TensorSource.of(w), "model.", head);
        NDManager mgr = m.newBatchManager()) {
      float[] full = m.logits(m.forward(mgr, TokenBatch.leftPadded(seqs), null)).toFloatArray();
      // Prefill all but the last two tokens of each row, then feed one token at a time.
      KvCache cache = new KvCache(mgr, c.numLayers(), 3); // small: forces growth
      m.forward(mgr, TokenBatch.leftPadded(List.of(new long[] {5, 6, 7, 8}, new long[] {1, 2})), cache);
      m.forward(mgr, single(9, 3), cache);
      float[] last = m.lastLogits(m.forward(mgr, single(10, 4), cache)).toFloatArray();
      int v = c.vocabSize();
      int t = 6;
      for (int r = 0; r < 2; r++) {
        for (int k = 0; k < v; k++) {
          assertEquals(full[(r * t + t - 1) * v + k], last[r * v + k], 1e-4, name + " row " + r);
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configs")
  void attentionTapsKeepCausalProbabilitiesWithoutChangingTheForward(String name, LlamaConfig c) {
    String head = c.tieWordEmbeddings() ? null : "lm_head.weight";
    Map<String, HostTensor> w = RandomLlamaWeights.create(c, "model.", head, 4);
    List<long[]> seqs = List.of(new long[] {5, 6, 7, 8, 9}, new long[] {1, 2, 3});
    int last = c.numLayers() - 1;
    List<AttentionTap> taps = List.of(new AttentionTap(0, 0), new AttentionTap(last, c.numHeads() - 1));
    try (LlamaModel m = LlamaModel.load(c, TensorSource.of(w), "model.", head);
        NDManager mgr = m.newBatchManager()) {
      TokenBatch b = TokenBatch.leftPadded(seqs);
      float[] plain = m.forward(mgr, b, null).toFloatArray();
      float[] tapped = m.forward(mgr, b, null, taps).toFloatArray();
      assertArrayEquals(plain, tapped, 0f, name);
      int t = 5;
      for (AttentionTap tap : taps) {
        float[] p = tap.probabilities().toFloatArray();
        assertArrayEquals(new long[] {2, t, t}, tap.probabilities().getShape().getShape());
        for (int r = 0; r < 2; r++) {
          int pad = t - seqs.get(r).length;
          for (int q = pad; q < t; q++) {
            double sum = 0;
            for (int k = 0; k < t; k++) {
              float x = p[(r * t + q) * t + k];
              if (k > q || k < pad) {
                assertEquals(0f, x, name + ": future or pad key " + k + " of query " + q);
              }
              sum += x;
            }
            assertEquals(1.0, sum, 1e-5, name + " row " + r + " query " + q);
          }
        }
      }
      org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
          () -> m.forward(mgr, b, null, List.of(new AttentionTap(c.numLayers(), 0))));
    }
  }

  @org.junit.jupiter.api.Test
  void exportRoundTripsHuggingFaceTensors() {
    LlamaConfig c = LlamaConfig.of(31, 16, 24, 2, 4, 2);
    Map<String, HostTensor> w = RandomLlamaWeights.create(c, "model.", "lm_head.weight", 5);
    try (LlamaModel m = LlamaModel.load(c, TensorSource.of(w), "model.", "lm_head.weight")) {
      Map<String, HostTensor> back = m.exportWeights("model.", "lm_head.weight");
      assertEquals(w.keySet(), back.keySet());
      for (String k : w.keySet()) {
        assertArrayEquals(w.get(k).data(), back.get(k).data(), 0f, k);
      }
    }
  }

  private static TokenBatch single(long a, long b) {
    return new TokenBatch(
        new long[] {a, b}, 2, 1, new boolean[][] {{true}, {true}}, new int[][] {{0}, {0}});
  }

  static HostTensor scale(HostTensor t, float f) {
    float[] d = t.data().clone();
    for (int i = 0; i < d.length; i++) {
      d[i] *= f;
    }
    return new HostTensor(t.shape(), d);
  }

  static int[] toInt(long[] s) {
    int[] out = new int[s.length];
    for (int i = 0; i < s.length; i++) {
      out[i] = (int) s[i];
    }
    return out;
  }
}
