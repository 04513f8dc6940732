package dev.squall.model.llama;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.model.HostTensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Checks of the plain-Java reference itself, so it can be trusted as ground truth. */
class ReferenceLlamaTest {
  private static final String P = "model.";
  private static final String HEAD = "lm_head.weight";

  /** V=11, D=16, I=24, 2 layers, 4 query heads sharing 2 kv heads (hd=4). */
  private static final LlamaConfig GQA = LlamaConfig.of(11, 16, 24, 2, 4, 2);

  private static final int[] IDS = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3};

  // --- RandomLlamaWeights --------------------------------------------------------------------

  @Test
  void randomWeightsAreDeterministicAndFollowExpectedShapes() {
    Map<String, HostTensor> a = RandomLlamaWeights.create(GQA, P, HEAD, 7);
    Map<String, HostTensor> b = RandomLlamaWeights.create(GQA, P, HEAD, 7);
    Map<String, HostTensor> other = RandomLlamaWeights.create(GQA, P, HEAD, 8);
    assertEquals(a, b);
    Map<String, long[]> shapes = LlamaWeightNames.expectedShapes(GQA, P, HEAD);
    assertEquals(new ArrayList<>(shapes.keySet()), new ArrayList<>(a.keySet()));
    long total = 0;
    for (Map.Entry<String, long[]> e : shapes.entrySet()) {
      HostTensor t = a.get(e.getKey());
      assertArrayEquals(e.getValue(), t.shape(), e.getKey());
      assertFalse(Arrays.equals(t.data(), other.get(e.getKey()).data()), e.getKey());
      total += t.data().length;
    }
    assertEquals(GQA.parameterCount(), total);
  }

  @Test
  void randomWeightsHaveTheDocumentedDistribution() {
    Map<String, HostTensor> w = RandomLlamaWeights.create(GQA, P, HEAD, 1);
    float[] gate = w.get(P + "layers.0.mlp.gate_proj.weight").data();
    assertEquals(0.0, mean(gate), 0.003);
    assertEquals(0.02, Math.sqrt(variance(gate)), 0.002);
    float[] norm = w.get(P + "layers.1.input_layernorm.weight").data();
    assertEquals(1.0, mean(norm), 0.1);
    assertTrue(variance(norm) > 0.001, "norm weights must not all be 1");
  }

  @Test
  void randomTensorValuesDoNotDependOnOtherTensors() {
    // Same index, same values: the one-layer model's tensors are a prefix of the two-layer one's,
    // and dropping the LM head does not change the trunk.
    LlamaConfig oneLayer = LlamaConfig.of(11, 16, 24, 1, 4, 2);
    Map<String, HostTensor> one = RandomLlamaWeights.create(oneLayer, P, null, 5);
    Map<String, HostTensor> two = RandomLlamaWeights.create(GQA, P, HEAD, 5);
    for (String name : one.keySet()) {
      if (name.contains("layers.")) {
        assertEquals(two.get(name), one.get(name), name);
      }
    }
    assertEquals(two.get(P + "embed_tokens.weight"), one.get(P + "embed_tokens.weight"));
  }

  // --- Structural properties -----------------------------------------------------------------

  @Test
  void logitsAtPositionTIgnoreLaterTokens() {
    ReferenceLlama m = sharpened(GQA, 11);
    int[] changed = IDS.clone();
    int cut = 4;
    for (int t = cut + 1; t < changed.length; t++) {
      changed[t] = (changed[t] + 3) % GQA.vocabSize();
    }
    double[][] a = m.logits(IDS);
    double[][] b = m.logits(changed);
    for (int t = 0; t <= cut; t++) {
      assertArrayEquals(a[t], b[t], 0.0, "position " + t);
    }
    for (int t = cut + 1; t < IDS.length; t++) {
      assertTrue(maxAbsDiff(a[t], b[t]) > 1e-6, "position " + t + " must see its own token");
    }
  }

  @Test
  void earlierTokensInfluenceLaterPositions() {
    // Guards against an attention that only looks at the diagonal.
    ReferenceLlama m = sharpened(GQA, 12);
    int[] changed = IDS.clone();
    changed[0] = (changed[0] + 1) % GQA.vocabSize();
    double[][] a = m.logits(IDS);
    double[][] b = m.logits(changed);
    assertTrue(maxAbsDiff(a[IDS.length - 1], b[IDS.length - 1]) > 1e-6);
  }

  @Test
  void groupedQueryAttentionEqualsFullAttentionWithRepeatedKvHeads() {
    Map<String, HostTensor> w = sharpenedWeights(GQA, 13);
    // Same model with KV == H: kv head g is copied to every query head that shares it.
    LlamaConfig full = LlamaConfig.of(11, 16, 24, 2, 4, 4);
    Map<String, HostTensor> repeated = new LinkedHashMap<>(w);
    for (int i = 0; i < GQA.numLayers(); i++) {
      for (String proj : List.of("k_proj", "v_proj")) {
        String name = P + "layers." + i + ".self_attn." + proj + ".weight";
        repeated.put(name, repeatKvHeads(w.get(name), GQA));
      }
    }
    double[][] a = new ReferenceLlama(GQA, w, P, HEAD).logits(IDS);
    double[][] b = new ReferenceLlama(full, repeated, P, HEAD).logits(IDS);
    assertDeepEquals(a, b, 1e-12);

    // Repeating the key heads in the wrong (tiled) order gives a different model.
    Map<String, HostTensor> tiled = new LinkedHashMap<>(repeated);
    for (int i = 0; i < GQA.numLayers(); i++) {
      String name = P + "layers." + i + ".self_attn.k_proj.weight";
      tiled.put(name, tileKvHeads(w.get(name), GQA));
    }
    double[][] c = new ReferenceLlama(full, tiled, P, HEAD).logits(IDS);
    assertTrue(maxAbsDiff(a[IDS.length - 1], c[IDS.length - 1]) > 1e-9);
  }

  @Test
  void tiedEmbeddingsEqualAnUntiedHeadCopiedFromTheEmbedding() {
    LlamaConfig tied = GQA.withTiedEmbeddings(true);
    Map<String, HostTensor> w = RandomLlamaWeights.create(tied, P, null, 14);
    assertFalse(w.containsKey(HEAD));
    Map<String, HostTensor> untied = new LinkedHashMap<>(w);
    HostTensor e = w.get(P + "embed_tokens.weight");
    untied.put(HEAD, new HostTensor(e.shape(), e.data().clone()));
    double[][] a = new ReferenceLlama(tied, w, P, null).logits(IDS);
    double[][] b = new ReferenceLlama(GQA, untied, P, HEAD).logits(IDS);
    assertDeepEquals(a, b, 0.0);
    // And a different head really changes the logits.
    Map<String, HostTensor> own = RandomLlamaWeights.create(GQA, P, HEAD, 14);
    own.putAll(w);
    assertTrue(
        maxAbsDiff(a[0], new ReferenceLlama(GQA, own, P, HEAD).logits(IDS)[0]) > 1e-6);
  }

  @Test
  void trunkPrefixOnlyRenamesTensors() {
    String cloud = "reward_base_model.model.";
    String cloudHead = "reward_base_model.lm_head.weight";
    Map<String, HostTensor> w = RandomLlamaWeights.create(GQA, P, HEAD, 15);
    Map<String, HostTensor> renamed = new LinkedHashMap<>();
    w.forEach((k, v) -> renamed.put(k.equals(HEAD) ? cloudHead : "reward_base_model." + k, v));
    assertEquals(
        new ArrayList<>(LlamaWeightNames.expectedShapes(GQA, cloud, cloudHead).keySet()),
        new ArrayList<>(renamed.keySet()));
    double[][] a = new ReferenceLlama(GQA, w, P, HEAD).logits(IDS);
    double[][] b = new ReferenceLlama(GQA, renamed, cloud, cloudHead).logits(IDS);
    assertDeepEquals(a, b, 0.0);
  }

  @Test
  void missingOrMisshapedTensorsAreNamed() {
    Map<String, HostTensor> w = RandomLlamaWeights.create(GQA, P, HEAD, 16);
    String q = P + "layers.1.self_attn.q_proj.weight";
    Map<String, HostTensor> missing = new LinkedHashMap<>(w);
    missing.remove(q);
    IllegalArgumentException e1 =
        assertThrows(
            IllegalArgumentException.class, () -> new ReferenceLlama(GQA, missing, P, HEAD));
    assertTrue(e1.getMessage().contains(q), e1.getMessage());
    Map<String, HostTensor> transposed = new LinkedHashMap<>(w);
    String down = P + "layers.0.mlp.down_proj.weight";
    transposed.put(down, new HostTensor(new long[] {24, 16}, w.get(down).data()));
    IllegalArgumentException e2 =
        assertThrows(
            IllegalArgumentException.class, () -> new ReferenceLlama(GQA, transposed, P, HEAD));
    assertTrue(e2.getMessage().contains(down), e2.getMessage());
    ReferenceLlama noHead = new ReferenceLlama(GQA, w, P, null);
    assertThrows(IllegalStateException.class, () -> noHead.logits(IDS));
    assertThrows(IllegalArgumentException.class, () -> noHead.hidden(new int[] {11}));
    assertThrows(IllegalArgumentException.class, () -> noHead.hidden(new int[0]));
  }

  // --- RoPE ----------------------------------------------------------------------------------

  @Test
  void ropeRotatesTheTwoHalvesNotInterleavedPairs() {
    // hd = 4, θ = 10000: inv_freq = [1/10000^(0/4), 1/10000^(2/4)] = [1, 0.01].
    LlamaConfig c = configWithHeadDim(4, 10000.0, null);
    double[] inv = ReferenceLlama.inverseFrequencies(c);
    assertArrayEquals(new double[] {1.0, 0.01}, inv, 1e-15);
    // x = e0, p = 3: x1 = [1, 0], x2 = [0, 0]; rotate_half(x) = [-x2, x1] = [0, 0, 1, 0];
    // cos = [cos 3, cos .03, cos 3, cos .03], sin likewise; x' = [cos 3, 0, sin 3, 0].
    // (Interleaved pairs would instead give [cos 3, sin 3, 0, 0].)
    assertArrayEquals(
        new double[] {Math.cos(3), 0, Math.sin(3), 0},
        ReferenceLlama.rope(new double[] {1, 0, 0, 0}, 3, inv),
        1e-15);
    // x = e3 (second half, pair j = 1), p = 5: x1 = [0, 0], x2 = [0, 1]; rotate_half = [0,-1,0,0]
    // x' = [0, -sin .05, 0, cos .05].
    assertArrayEquals(
        new double[] {0, -Math.sin(0.05), 0, Math.cos(0.05)},
        ReferenceLlama.rope(new double[] {0, 0, 0, 1}, 5, inv),
        1e-15);
    // Position 0 is the identity.
    double[] x = {0.3, -1.2, 2.5, 0.7};
    assertArrayEquals(x, ReferenceLlama.rope(x, 0, inv), 0.0);
  }

  @Test
  void rotatedDotProductsDependOnlyOnTheOffset() {
    double[] inv = ReferenceLlama.inverseFrequencies(configWithHeadDim(8, 10000.0, null));
    double[] q = {0.3, -1.2, 2.5, 0.7, -0.4, 1.1, 0.05, -2.0};
    double[] k = {1.5, 0.2, -0.6, 0.9, 0.8, -1.3, 0.4, 0.1};
    for (int offset : new int[] {0, 1, 5, 17}) {
      double ref = dot(ReferenceLlama.rope(q, 0, inv), ReferenceLlama.rope(k, offset, inv));
      for (int p : new int[] {1, 3, 40, 123}) {
        double s = dot(ReferenceLlama.rope(q, p, inv), ReferenceLlama.rope(k, p + offset, inv));
        assertEquals(ref, s, 1e-12, "offset " + offset + " at p " + p);
      }
    }
  }

  @Test
  void attentionScoresOfRepeatedTokensDependOnlyOnTheOffset() {
    // With one token repeated, every position holds the same residual in every layer (attention
    // averages identical values), so q·k differs between positions only through RoPE.
    ReferenceLlama m = sharpened(GQA, 17);
    int[] same = new int[9];
    Arrays.fill(same, 7);
    for (int layer = 0; layer < GQA.numLayers(); layer++) {
      for (int head = 0; head < GQA.numHeads(); head++) {
        double[][] s = m.attentionScores(same, layer, head);
        for (int i = 0; i < same.length; i++) {
          for (int j = 0; j < same.length; j++) {
            int lo = Math.min(i, j);
            assertEquals(s[i - lo][j - lo], s[i][j], 1e-12, "layer " + layer + " " + i + "," + j);
          }
        }
        assertNotEquals(s[0][0], s[0][1], 1e-9);
        assertNotEquals(s[0][1], s[0][2], 1e-9);
      }
    }
  }

  @Test
  void llama3ScalingMatchesHandComputedFrequencies() {
    // hd = 8, θ = 10000: inv = [1, 0.1, 0.01, 0.001], wavelen = 2π/inv ≈ [6.28, 62.8, 628, 6283].
    // factor 8, low 1, high 4, original 64: low_freq_wavelen = 64, high_freq_wavelen = 16.
    //   j=0: 6.28 < 16 → unchanged, 1.
    //   j=1: 16 ≤ 62.8 ≤ 64 → smooth = (64/62.83 − 1)/(4 − 1) = (3.2/π − 1)/3 ≈ 0.0061972,
    //        (1 − smooth)·0.1/8 + smooth·0.1 ≈ 0.0130423.
    //   j=2, 3: > 64 → divided by 8: 0.00125, 0.000125.
    LlamaConfig c = configWithHeadDim(8, 10000.0, new RopeScaling(8, 1, 4, 64));
    double smooth = (3.2 / Math.PI - 1) / 3;
    assertEquals(0.0061972119293767, smooth, 1e-15);
    double[] expected = {1, (1 - smooth) * 0.1 / 8 + smooth * 0.1, 0.00125, 0.000125};
    assertEquals(0.0130422560438205, expected[1], 1e-15);
    assertArrayEquals(expected, ReferenceLlama.inverseFrequencies(c), 1e-15);
  }

  @Test
  void llama3ScalingWithFactorOneIsNoScaling() {
    LlamaConfig plain = configWithHeadDim(8, 10000.0, null);
    LlamaConfig unit = plain.withRopeScaling(new RopeScaling(1, 1, 4, 64));
    assertArrayEquals(
        ReferenceLlama.inverseFrequencies(plain), ReferenceLlama.inverseFrequencies(unit), 1e-15);
    Map<String, HostTensor> w = sharpenedWeights(plain, 18);
    assertDeepEquals(
        new ReferenceLlama(plain, w, P, HEAD).logits(IDS),
        new ReferenceLlama(unit, w, P, HEAD).logits(IDS),
        1e-12);
  }

  @Test
  void llama3ScalingOnlyAffectsLongWavelengthPairs() {
    LlamaConfig plain = configWithHeadDim(8, 10000.0, null);
    LlamaConfig scaled = plain.withRopeScaling(new RopeScaling(8, 1, 4, 64));
    double[] before = ReferenceLlama.inverseFrequencies(plain);
    double[] after = ReferenceLlama.inverseFrequencies(scaled);
    assertEquals(before[0], after[0], 0.0); // short wavelength: bit-identical
    Map<String, HostTensor> w = sharpenedWeights(plain, 19);
    double[][] a = new ReferenceLlama(plain, w, P, HEAD).logits(IDS);
    double[][] b = new ReferenceLlama(scaled, w, P, HEAD).logits(IDS);
    assertTrue(maxAbsDiff(a[IDS.length - 1], b[IDS.length - 1]) > 1e-9, "scaling must matter");
    assertArrayEquals(a[0], b[0], 1e-15); // position 0 is never rotated
    // Zero the query rows of the scaled pairs j = 1, 2, 3 (dims j and j + 4 of every head): only
    // the unscaled pair contributes to q·k, so scaling no longer changes anything.
    Map<String, HostTensor> highOnly = new LinkedHashMap<>(w);
    int hd = plain.headDim();
    for (int i = 0; i < plain.numLayers(); i++) {
      String name = P + "layers." + i + ".self_attn.q_proj.weight";
      HostTensor q = w.get(name);
      float[] data = q.data().clone();
      int cols = (int) q.dim(1);
      for (int row = 0; row < q.dim(0); row++) {
        int pair = (row % hd) % (hd / 2);
        if (pair != 0) {
          Arrays.fill(data, row * cols, (row + 1) * cols, 0f);
        }
      }
      highOnly.put(name, new HostTensor(q.shape(), data));
    }
    assertDeepEquals(
        new ReferenceLlama(plain, highOnly, P, HEAD).logits(IDS),
        new ReferenceLlama(scaled, highOnly, P, HEAD).logits(IDS),
        1e-14);
  }

  @Test
  void referenceFrequenciesAgreeWithLlamaConfig() {
    // Cross-check of the main code against the independent formula, on Llama-3.1's settings.
    LlamaConfig llama31 =
        new LlamaConfig(
            128256, 4096, 14336, 32, 32, 8, 128, 1e-5, 500000.0, new RopeScaling(8, 1, 4, 8192),
            false, 131072, 128000, List.of(128001));
    assertArrayEquals(
        ReferenceLlama.inverseFrequencies(llama31), llama31.inverseFrequencies(), 1e-15);
    LlamaConfig plain = llama31.withRopeScaling(null);
    assertArrayEquals(
        ReferenceLlama.inverseFrequencies(plain), plain.inverseFrequencies(), 1e-15);
  }

  // --- Hand-computed tiny model --------------------------------------------------------------

  /**
   * V=3, D=2, I=1, one layer, one head (hd=2), ε=3 (large on purpose, so a misplaced ε shows).
   *
   * <pre>
   * embed        = [[1, 1], [1, -1], [0, 0]]
   * input_norm   = [2, 2]      q_proj = k_proj = o_proj = I
   * v_proj       = [[0, 1], [0, 0]]            (v = [x₂, 0]; a transposed read gives [0, x₁])
   * post_norm    = [1, 1]      gate = [[1, 0]]  up = [[0, 1]]  down = [[1], [0]]
   * final_norm   = [1, 2]      lm_head = [[1, 0], [0, 1], [1, 1]]
   * </pre>
   *
   * ids = [0, 1]. With hd=2, inv_freq = [1/θ⁰] = [1], so RoPE at p rotates by p radians:
   * [x₁cos p − x₂sin p, x₂cos p + x₁sin p].
   *
   * <p>Input norm: both embeddings have mean(x²) = 1, so x/√(1+3)·2 = x: h₀ = [1,1], h₁ = [1,−1].
   *
   * <p>Position 0: q₀ = k₀ = [1,1] (no rotation), v₀ = [1,0]; one key → out₀ = [1,0]. Residual
   * x₀ = [2,1]. Post norm: mean = 5/2, √(5/2+3) = √5.5, n = [2,1]/√5.5; gate g = 2/√5.5 ≈
   * 0.852803, up u = 1/√5.5 ≈ 0.426401, m = silu(g)·u = g·u/(1+e^−g) ≈ 0.254965. x₀ = [2+m, 1].
   * Final: r = √(((2+m)²+1)/2+3) ≈ 2.458136; h = [(2+m)/r, 2·1/r] ≈ [0.917348, 0.813625].
   *
   * <p>Position 1: q₁ = k₁ = rot₁([1,−1]) = [cos1+sin1, sin1−cos1]. Scores /√2: with k₀ = [1,1],
   * q₁·k₀ = 2 sin1 → √2·sin1 ≈ 1.190020; q₁·k₁ = |[1,−1]|² = 2 → √2. Softmax: p₀ =
   * 1/(1+e^{√2(1−sin1)}) ≈ 0.444185, p₁ = 1−p₀. v₁ = [−1,0], out₁ = [p₀−p₁, 0] = [2p₀−1, 0].
   * x₁ = [1,−1] + out₁ = [2p₀, −1]. Post norm: r₁ = √((4p₀²+1)/2+3) ≈ 1.973474; g = 2p₀/r₁ ≈
   * 0.450155, u = −1/r₁ ≈ −0.506721, m = silu(g)·u ≈ −0.139297. x₁ = [2p₀+m, −1]. Final: r =
   * √(((2p₀+m)²+1)/2+3) ≈ 1.944365; h = [(2p₀+m)/r, −2/r] ≈ [0.385253, −1.028613].
   *
   * <p>Logits = [h₁, h₂, h₁+h₂].
   */
  @Test
  void tinyModelMatchesHandComputation() {
    LlamaConfig c = new LlamaConfig(3, 2, 1, 1, 1, 1, 2, 3.0, 10000.0, null, false, 16, 0,
        List.of(1));
    Map<String, HostTensor> w = new LinkedHashMap<>();
    w.put(P + "embed_tokens.weight", t(new long[] {3, 2}, 1, 1, 1, -1, 0, 0));
    String l = P + "layers.0.";
    w.put(l + "input_layernorm.weight", t(new long[] {2}, 2, 2));
    w.put(l + "self_attn.q_proj.weight", t(new long[] {2, 2}, 1, 0, 0, 1));
    w.put(l + "self_attn.k_proj.weight", t(new long[] {2, 2}, 1, 0, 0, 1));
    w.put(l + "self_attn.v_proj.weight", t(new long[] {2, 2}, 0, 1, 0, 0));
    w.put(l + "self_attn.o_proj.weight", t(new long[] {2, 2}, 1, 0, 0, 1));
    w.put(l + "post_attention_layernorm.weight", t(new long[] {2}, 1, 1));
    w.put(l + "mlp.gate_proj.weight", t(new long[] {1, 2}, 1, 0));
    w.put(l + "mlp.up_proj.weight", t(new long[] {1, 2}, 0, 1));
    w.put(l + "mlp.down_proj.weight", t(new long[] {2, 1}, 1, 0));
    w.put(P + "norm.weight", t(new long[] {2}, 1, 2));
    w.put(HEAD, t(new long[] {3, 2}, 1, 0, 0, 1, 1, 1));
    ReferenceLlama m = new ReferenceLlama(c, w, P, HEAD);
    int[] ids = {0, 1};

    double[][] scores = m.attentionScores(ids, 0, 0);
    assertEquals(Math.sqrt(2) * Math.sin(1), scores[1][0], 1e-15);
    assertEquals(1.190019679058772, scores[1][0], 1e-12);
    assertEquals(Math.sqrt(2), scores[1][1], 1e-15);

    double[][] expected = {
      {0.9173475483827204, 0.8136245099118292, 1.7309720582945496},
      {0.38525335768446317, -1.0286134496475887, -0.6433600919631255}
    };
    assertDeepEquals(expected, m.logits(ids), 1e-12);
    assertDeepEquals(
        new double[][] {
          {expected[0][0], expected[0][1]}, {expected[1][0], expected[1][1]}
        },
        m.hidden(ids),
        1e-12);
    // Position 0 alone is unaffected by the second token.
    assertDeepEquals(new double[][] {expected[0]}, m.logits(new int[] {0}), 1e-12);
  }

  // --- Reward heads --------------------------------------------------------------------------

  @Test
  void rewardHeadsReadTheFinalHiddenStateAtTheLastPosition() {
    LlamaConfig c = GQA;
    ReferenceLlama m = sharpened(c, 20);
    int d = c.hiddenSize();
    double[] h = m.hidden(IDS)[IDS.length - 1];

    float[] score = new float[d];
    for (int i = 0; i < d; i++) {
      score[i] = (float) (0.1 * (i - 7));
    }
    double expectedScore = 0;
    for (int i = 0; i < d; i++) {
      expectedScore += score[i] * h[i];
    }
    assertEquals(
        expectedScore, m.linearAtLast(IDS, new HostTensor(new long[] {1, d}, score)), 1e-12);
    assertThrows(
        IllegalArgumentException.class,
        () -> m.linearAtLast(IDS, new HostTensor(new long[] {d}, score)));

    // dense = 2·I, bias b; out_proj = row r, bias 0.5: reward = Σ r_i·tanh(2h_i + b_i) + 0.5.
    float[] dense = new float[d * d];
    float[] denseB = new float[d];
    float[] out = new float[d];
    double expected = 0.5;
    for (int i = 0; i < d; i++) {
      dense[i * d + i] = 2f;
      denseB[i] = (float) (0.01 * i);
      out[i] = (float) (1.0 / (i + 1));
      expected += out[i] * Math.tanh(2 * h[i] + denseB[i]);
    }
    double[] reward =
        m.rewardAtLast(
            IDS,
            new HostTensor(new long[] {d, d}, dense),
            new HostTensor(new long[] {d}, denseB),
            new HostTensor(new long[] {1, d}, out),
            new HostTensor(new long[] {1}, new float[] {0.5f}));
    assertEquals(1, reward.length);
    assertEquals(expected, reward[0], 1e-12);
    // A zero dense layer leaves only the output bias.
    double[] biasOnly =
        m.rewardAtLast(
            IDS,
            new HostTensor(new long[] {d, d}, new float[d * d]),
            null,
            new HostTensor(new long[] {1, d}, out),
            new HostTensor(new long[] {1}, new float[] {-1.25f}));
    assertEquals(-1.25, biasOnly[0], 0.0);
  }

  // --- Helpers -------------------------------------------------------------------------------

  /** One layer, D=16 in two heads of hd=8 sharing one kv head, V=11, I=24. */
  private static LlamaConfig configWithHeadDim(int hd, double theta, RopeScaling scaling) {
    int heads = 2;
    return new LlamaConfig(
        11, heads * hd, 24, 1, heads, 1, hd, 1e-5, theta, scaling, false, 4096, 0, List.of(1));
  }

  /**
   * Random weights with q/k/v/o scaled ×15 (std 0.3), so attention is far from uniform and
   * positional effects are large enough to see.
   */
  private static Map<String, HostTensor> sharpenedWeights(LlamaConfig c, long seed) {
    Map<String, HostTensor> w = RandomLlamaWeights.create(c, P, HEAD, seed);
    w.replaceAll(
        (name, t) -> {
          if (!name.contains("self_attn.")) {
            return t;
          }
          float[] data = t.data().clone();
          for (int i = 0; i < data.length; i++) {
            data[i] *= 15f;
          }
          return new HostTensor(t.shape(), data);
        });
    return w;
  }

  private static ReferenceLlama sharpened(LlamaConfig c, long seed) {
    return new ReferenceLlama(c, sharpenedWeights(c, seed), P, HEAD);
  }

  /** [KV*hd, D] → [H*hd, D] where query head h gets kv head h / (H/KV). */
  private static HostTensor repeatKvHeads(HostTensor kv, LlamaConfig c) {
    return regroupKvHeads(kv, c, h -> h / (c.numHeads() / c.numKvHeads()));
  }

  /** The wrong repeat: query head h gets kv head h % KV. */
  private static HostTensor tileKvHeads(HostTensor kv, LlamaConfig c) {
    return regroupKvHeads(kv, c, h -> h % c.numKvHeads());
  }

  private static HostTensor regroupKvHeads(
      HostTensor kv, LlamaConfig c, java.util.function.IntUnaryOperator source) {
    int hd = c.headDim();
    int cols = (int) kv.dim(1);
    float[] out = new float[c.numHeads() * hd * cols];
    for (int h = 0; h < c.numHeads(); h++) {
      System.arraycopy(
          kv.data(), source.applyAsInt(h) * hd * cols, out, h * hd * cols, hd * cols);
    }
    return new HostTensor(new long[] {(long) c.numHeads() * hd, cols}, out);
  }

  private static HostTensor t(long[] shape, double... values) {
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) values[i];
    }
    return new HostTensor(shape, f);
  }

  private static void assertDeepEquals(double[][] expected, double[][] actual, double tol) {
    assertEquals(expected.length, actual.length, "rows");
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i], actual[i], tol, "row " + i);
    }
  }

  private static double maxAbsDiff(double[] a, double[] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double mean(float[] x) {
    double s = 0;
    for (float v : x) {
      s += v;
    }
    return s / x.length;
  }

  private static double variance(float[] x) {
    double m = mean(x);
    double s = 0;
    for (float v : x) {
      s += (v - m) * (v - m);
    }
    return s / x.length;
  }
}
