package dev.squall.model.llama;

import dev.squall.model.HostTensor;
import java.util.Arrays;
import java.util.Map;

/**
 * An independent plain-Java Llama forward pass in double precision, used as ground truth for the
 * DJL runtime.
 *
 * <p>Written straight from the math on purpose: it spells the Hugging Face tensor names itself
 * and recomputes the rotary inverse frequencies and the llama3 scaling rather than calling {@link
 * LlamaWeightNames}, {@link LlamaConfig#inverseFrequencies()} or {@link RopeScaling#apply}, so a
 * bug in those shows up as a disagreement. It is slow (naive loops) and meant for tiny models.
 *
 * <p>All methods take ONE unpadded sequence of token ids; positions start at 0.
 */
public final class ReferenceLlama {
  private final LlamaConfig c;
  private final double[][] embed;
  private final Layer[] layers;
  private final double[] finalNorm;
  /** [V][D] output projection: the LM head, the embedding when tied, or null when absent. */
  private final double[][] head;

  private final double[] invFreq;

  /** One decoder block; every matrix is [out][in] as stored by Hugging Face. */
  private record Layer(
      double[] inputNorm,
      double[][] wq,
      double[][] wk,
      double[][] wv,
      double[][] wo,
      double[] postNorm,
      double[][] wGate,
      double[][] wUp,
      double[][] wDown) {}

  /**
   * Copies the weights to doubles, checking every trunk tensor's presence and shape.
   *
   * @param lmHeadName name of the untied LM head [V, D], or null (tied embeddings, or no head:
   *     then {@link #logits} is unavailable unless the embeddings are tied)
   * @throws IllegalArgumentException naming the tensor when one is missing or mis-shaped
   */
  public ReferenceLlama(
      LlamaConfig c, Map<String, HostTensor> weights, String trunkPrefix, String lmHeadName) {
    this.c = c;
    int v = c.vocabSize();
    int d = c.hiddenSize();
    int q = c.numHeads() * c.headDim();
    int kv = c.numKvHeads() * c.headDim();
    int inter = c.intermediateSize();
    String p = trunkPrefix;
    embed = matrix(weights, p + "embed_tokens.weight", v, d);
    layers = new Layer[c.numLayers()];
    for (int i = 0; i < layers.length; i++) {
      String l = p + "layers." + i + ".";
      layers[i] =
          new Layer(
              vector(weights, l + "input_layernorm.weight", d),
              matrix(weights, l + "self_attn.q_proj.weight", q, d),
              matrix(weights, l + "self_attn.k_proj.weight", kv, d),
              matrix(weights, l + "self_attn.v_proj.weight", kv, d),
              matrix(weights, l + "self_attn.o_proj.weight", d, q),
              vector(weights, l + "post_attention_layernorm.weight", d),
              matrix(weights, l + "mlp.gate_proj.weight", inter, d),
              matrix(weights, l + "mlp.up_proj.weight", inter, d),
              matrix(weights, l + "mlp.down_proj.weight", d, inter));
    }
    finalNorm = vector(weights, p + "norm.weight", d);
    if (lmHeadName != null) {
      head = matrix(weights, lmHeadName, v, d);
    } else {
      head = c.tieWordEmbeddings() ? embed : null;
    }
    invFreq = inverseFrequencies(c);
  }

  /** Final hidden states after the final RMSNorm, [T][D]. */
  public double[][] hidden(int[] ids) {
    double[][] x = residualBefore(ids, layers.length);
    double[][] out = new double[x.length][];
    for (int t = 0; t < x.length; t++) {
      out[t] = rmsNorm(x[t], finalNorm, c.rmsNormEps());
    }
    return out;
  }

  /** Next-token logits [T][V] through the LM head, or the embedding matrix when tied. */
  public double[][] logits(int[] ids) {
    if (head == null) {
      throw new IllegalStateException("model has no LM head and untied embeddings");
    }
    double[][] h = hidden(ids);
    double[][] out = new double[h.length][];
    for (int t = 0; t < h.length; t++) {
      out[t] = linear(head, h[t]);
    }
    return out;
  }

  /**
   * CLoud reward head on the last position: {@code out_proj(tanh(dense(h_last)))}.
   *
   * @param denseW [M, D]
   * @param denseB [M], or null for no bias
   * @param outW [O, M]
   * @param outB [O], or null for no bias
   * @return O values (one reward for the usual O = 1)
   */
  public double[] rewardAtLast(
      int[] ids, HostTensor denseW, HostTensor denseB, HostTensor outW, HostTensor outB) {
    double[][] dense = toMatrix("dense.weight", denseW, -1, c.hiddenSize());
    int m = dense.length;
    double[][] out = toMatrix("out_proj.weight", outW, -1, m);
    double[] h = last(hidden(ids));
    double[] z = linear(dense, h);
    if (denseB != null) {
      addInPlace(z, toVector("dense.bias", denseB, m));
    }
    for (int i = 0; i < m; i++) {
      z[i] = Math.tanh(z[i]);
    }
    double[] r = linear(out, z);
    if (outB != null) {
      addInPlace(r, toVector("out_proj.bias", outB, out.length));
    }
    return r;
  }

  /** {@code LlamaForSequenceClassification} score on the last position: {@code score.weight · h}. */
  public double linearAtLast(int[] ids, HostTensor scoreW) {
    double[][] w = toMatrix("score.weight", scoreW, 1, c.hiddenSize());
    return dot(w[0], last(hidden(ids)));
  }

  /**
   * Scaled attention scores {@code q_rot(i)·k_rot(j)/√hd} of query head {@code head} in layer
   * {@code layer}, for all i, j (before the causal mask), [T][T].
   */
  double[][] attentionScores(int[] ids, int layer, int head) {
    Layer l = layers[layer];
    double[][] x = residualBefore(ids, layer);
    int t = x.length;
    double[][] h = new double[t][];
    for (int i = 0; i < t; i++) {
      h[i] = rmsNorm(x[i], l.inputNorm(), c.rmsNormEps());
    }
    double[][][] qs = projectHeads(h, l.wq(), c.numHeads(), true);
    double[][][] ks = projectHeads(h, l.wk(), c.numKvHeads(), true);
    int g = head / (c.numHeads() / c.numKvHeads());
    double scale = 1.0 / Math.sqrt(c.headDim());
    double[][] s = new double[t][t];
    for (int i = 0; i < t; i++) {
      for (int j = 0; j < t; j++) {
        s[i][j] = dot(qs[i][head], ks[j][g]) * scale;
      }
    }
    return s;
  }

  /**
   * Rotary inverse frequencies {@code 1/θ^(2j/hd)}, j < hd/2, with Hugging Face's llama3 scaling
   * ({@code _compute_llama3_parameters}) when configured.
   */
  static double[] inverseFrequencies(LlamaConfig c) {
    int half = c.headDim() / 2;
    double[] inv = new double[half];
    for (int j = 0; j < half; j++) {
      inv[j] = 1.0 / Math.pow(c.ropeTheta(), 2.0 * j / c.headDim());
    }
    RopeScaling s = c.ropeScaling();
    if (s == null) {
      return inv;
    }
    double orig = s.originalMaxPositionEmbeddings();
    double lowFreqWavelen = orig / s.lowFreqFactor();
    double highFreqWavelen = orig / s.highFreqFactor();
    double[] scaled = new double[half];
    for (int j = 0; j < half; j++) {
      double wavelen = 2 * Math.PI / inv[j];
      if (wavelen > lowFreqWavelen) {
        scaled[j] = inv[j] / s.factor();
      } else if (wavelen < highFreqWavelen) {
        scaled[j] = inv[j];
      } else {
        double smooth =
            (orig / wavelen - s.lowFreqFactor()) / (s.highFreqFactor() - s.lowFreqFactor());
        scaled[j] = (1 - smooth) * inv[j] / s.factor() + smooth * inv[j];
      }
    }
    return scaled;
  }

  /**
   * Hugging Face rotary embedding of one head vector at position {@code pos}: {@code x·cos +
   * rotate_half(x)·sin}, with {@code rotate_half([x1, x2]) = [−x2, x1]} over the two halves and
   * the angles {@code pos·invFreq} repeated over both halves (not interleaved).
   */
  static double[] rope(double[] x, int pos, double[] invFreq) {
    int half = x.length / 2;
    if (half != invFreq.length || x.length % 2 != 0) {
      throw new IllegalArgumentException(
          "head of " + x.length + " values needs " + x.length / 2 + " frequencies, got "
              + invFreq.length);
    }
    double[] out = new double[x.length];
    for (int j = 0; j < half; j++) {
      double angle = pos * invFreq[j];
      double cos = Math.cos(angle);
      double sin = Math.sin(angle);
      double x1 = x[j];
      double x2 = x[j + half];
      out[j] = x1 * cos - x2 * sin;
      out[j + half] = x2 * cos + x1 * sin;
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------

  /** The residual stream entering layer {@code stop} (== numLayers: leaving the last layer). */
  private double[][] residualBefore(int[] ids, int stop) {
    if (ids.length == 0) {
      throw new IllegalArgumentException("empty sequence");
    }
    double[][] x = new double[ids.length][];
    for (int t = 0; t < ids.length; t++) {
      if (ids[t] < 0 || ids[t] >= c.vocabSize()) {
        throw new IllegalArgumentException(
            "token id " + ids[t] + " at position " + t + " outside [0, " + c.vocabSize() + ")");
      }
      x[t] = embed[ids[t]].clone();
    }
    for (int i = 0; i < stop; i++) {
      x = block(layers[i], x);
    }
    return x;
  }

  private double[][] block(Layer l, double[][] x) {
    int t = x.length;
    int hd = c.headDim();
    double eps = c.rmsNormEps();
    double[][] h = new double[t][];
    for (int i = 0; i < t; i++) {
      h[i] = rmsNorm(x[i], l.inputNorm(), eps);
    }
    double[][][] qs = projectHeads(h, l.wq(), c.numHeads(), true);
    double[][][] ks = projectHeads(h, l.wk(), c.numKvHeads(), true);
    double[][][] vs = projectHeads(h, l.wv(), c.numKvHeads(), false);
    int group = c.numHeads() / c.numKvHeads();
    double scale = 1.0 / Math.sqrt(hd);
    double[][] after = new double[t][];
    for (int i = 0; i < t; i++) {
      double[] concat = new double[c.numHeads() * hd];
      for (int head = 0; head < c.numHeads(); head++) {
        int g = head / group;
        // Causal: query i attends to keys 0..i only.
        double[] p = new double[i + 1];
        for (int j = 0; j <= i; j++) {
          p[j] = dot(qs[i][head], ks[j][g]) * scale;
        }
        softmaxInPlace(p);
        for (int j = 0; j <= i; j++) {
          for (int e = 0; e < hd; e++) {
            concat[head * hd + e] += p[j] * vs[j][g][e];
          }
        }
      }
      double[] r = x[i].clone();
      addInPlace(r, linear(l.wo(), concat));
      double[] n = rmsNorm(r, l.postNorm(), eps);
      double[] gate = linear(l.wGate(), n);
      double[] up = linear(l.wUp(), n);
      double[] act = new double[gate.length];
      for (int k = 0; k < act.length; k++) {
        act[k] = gate[k] / (1 + Math.exp(-gate[k])) * up[k];
      }
      addInPlace(r, linear(l.wDown(), act));
      after[i] = r;
    }
    return after;
  }

  /** Projects each position and splits into heads, [T][heads][hd], rotating if {@code rope}. */
  private double[][][] projectHeads(double[][] h, double[][] w, int heads, boolean rope) {
    int hd = c.headDim();
    double[][][] out = new double[h.length][heads][];
    for (int t = 0; t < h.length; t++) {
      double[] y = linear(w, h[t]);
      for (int head = 0; head < heads; head++) {
        double[] part = Arrays.copyOfRange(y, head * hd, (head + 1) * hd);
        out[t][head] = rope ? rope(part, t, invFreq) : part;
      }
    }
    return out;
  }

  private static double[] rmsNorm(double[] x, double[] w, double eps) {
    double ms = 0;
    for (double v : x) {
      ms += v * v;
    }
    ms /= x.length;
    double inv = 1.0 / Math.sqrt(ms + eps);
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i] * inv * w[i];
    }
    return out;
  }

  /** {@code y = W x} for W stored [out][in] (Hugging Face's {@code x·Wᵀ}). */
  private static double[] linear(double[][] w, double[] x) {
    double[] y = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      y[i] = dot(w[i], x);
    }
    return y;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static void addInPlace(double[] acc, double[] x) {
    for (int i = 0; i < acc.length; i++) {
      acc[i] += x[i];
    }
  }

  private static void softmaxInPlace(double[] s) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : s) {
      max = Math.max(max, v);
    }
    double sum = 0;
    for (int i = 0; i < s.length; i++) {
      s[i] = Math.exp(s[i] - max);
      sum += s[i];
    }
    for (int i = 0; i < s.length; i++) {
      s[i] /= sum;
    }
  }

  private static double[] last(double[][] rows) {
    return rows[rows.length - 1];
  }

  private static double[][] matrix(Map<String, HostTensor> w, String name, int rows, int cols) {
    HostTensor t = w.get(name);
    if (t == null) {
      throw new IllegalArgumentException("missing tensor '" + name + "'");
    }
    return toMatrix(name, t, rows, cols);
  }

  private static double[] vector(Map<String, HostTensor> w, String name, int n) {
    HostTensor t = w.get(name);
    if (t == null) {
      throw new IllegalArgumentException("missing tensor '" + name + "'");
    }
    return toVector(name, t, n);
  }

  /** Converts a rank-2 tensor; {@code rows < 0} accepts any row count. */
  private static double[][] toMatrix(String name, HostTensor t, int rows, int cols) {
    if (t.rank() != 2 || (rows >= 0 && t.dim(0) != rows) || t.dim(1) != cols) {
      throw new IllegalArgumentException(
          "tensor '" + name + "' has shape " + Arrays.toString(t.shape()) + ", expected ["
              + (rows >= 0 ? rows : "*") + ", " + cols + "]");
    }
    int r = (int) t.dim(0);
    float[] data = t.data();
    double[][] m = new double[r][cols];
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < cols; j++) {
        m[i][j] = data[i * cols + j];
      }
    }
    return m;
  }

  private static double[] toVector(String name, HostTensor t, int n) {
    if (t.rank() != 1 || t.dim(0) != n) {
      throw new IllegalArgumentException(
          "tensor '" + name + "' has shape " + Arrays.toString(t.shape()) + ", expected [" + n
              + "]");
    }
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = t.data()[i];
    }
    return v;
  }
}
