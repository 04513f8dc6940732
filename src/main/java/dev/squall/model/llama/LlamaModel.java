package dev.squall.model.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.squall.model.HostTensor;
import dev.squall.model.TensorSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Llama-family decoder on DJL's PyTorch engine: token embeddings, pre-norm blocks with RMSNorm,
 * grouped-query attention with rotary embeddings (Hugging Face rotate_half convention, optional
 * llama3 scaling), SwiGLU MLP, final norm and an optional (tied or untied) LM head.
 *
 * <p>Weights are held in a runtime layout — projection matrices transposed to {@code [in, out]}
 * and fused (q|k|v, gate|up) so each block runs few large matmuls — and converted from and to
 * Hugging Face tensor names at the edges ({@link #load}, {@link #exportWeights}).
 *
 * <p>Native memory: the model owns one {@link NDManager} holding the weights; every forward
 * writes its results into a manager the caller passes in and closes. Not thread-safe: one
 * forward at a time per instance.
 */
public final class LlamaModel implements AutoCloseable {
  private final LlamaConfig config;
  private final NDManager manager;
  private final NDArray embed;
  private final List<Layer> layers;
  private final NDArray finalNorm;
  private final NDArray lmHead;
  private final float[] invFreq;

  /** One decoder block's weights in runtime layout. */
  private record Layer(
      NDArray attnNorm, NDArray wqkv, NDArray wo, NDArray mlpNorm, NDArray wgateUp, NDArray wdown) {}

  private LlamaModel(
      LlamaConfig config,
      NDManager manager,
      NDArray embed,
      List<Layer> layers,
      NDArray finalNorm,
      NDArray lmHead) {
    this.config = config;
    this.manager = manager;
    this.embed = embed;
    this.layers = List.copyOf(layers);
    this.finalNorm = finalNorm;
    this.lmHead = lmHead;
    double[] inv = config.inverseFrequencies();
    this.invFreq = new float[inv.length];
    for (int i = 0; i < inv.length; i++) {
      invFreq[i] = (float) inv[i];
    }
  }

  /**
   * Loads a trunk whose Hugging Face tensors live under {@code trunkPrefix} (e.g. {@code "model."}).
   *
   * @param lmHeadName tensor name of the untied LM head (e.g. {@code "lm_head.weight"}); ignored
   *     when the config ties embeddings; {@code null} for a trunk without LM head
   * @throws dev.squall.model.ModelFormatException if a tensor is missing or mis-shaped
   */
  public static LlamaModel load(
      LlamaConfig c, TensorSource src, String trunkPrefix, String lmHeadName) {
    NDManager m = NDManager.newBaseManager();
    try {
      long d = c.hiddenSize();
      long q = (long) c.numHeads() * c.headDim();
      long kv = (long) c.numKvHeads() * c.headDim();
      long inter = c.intermediateSize();
      NDArray embed = create(m, src.require(trunkPrefix + "embed_tokens.weight", c.vocabSize(), d));
      List<Layer> layers = new ArrayList<>();
      for (int i = 0; i < c.numLayers(); i++) {
        String p = trunkPrefix + "layers." + i + ".";
        HostTensor wq = src.require(p + "self_attn.q_proj.weight", q, d);
        HostTensor wk = src.require(p + "self_attn.k_proj.weight", kv, d);
        HostTensor wv = src.require(p + "self_attn.v_proj.weight", kv, d);
        HostTensor wo = src.require(p + "self_attn.o_proj.weight", d, q);
        HostTensor wg = src.require(p + "mlp.gate_proj.weight", inter, d);
        HostTensor wu = src.require(p + "mlp.up_proj.weight", inter, d);
        HostTensor wd = src.require(p + "mlp.down_proj.weight", d, inter);
        layers.add(
            new Layer(
                create(m, src.require(p + "input_layernorm.weight", d)),
                create(m, transposeConcat(wq, wk, wv)),
                create(m, transposeConcat(wo)),
                create(m, src.require(p + "post_attention_layernorm.weight", d)),
                create(m, transposeConcat(wg, wu)),
                create(m, transposeConcat(wd))));
      }
      NDArray norm = create(m, src.require(trunkPrefix + "norm.weight", d));
      NDArray head = null;
      if (c.tieWordEmbeddings()) {
        head = embed.transpose(1, 0);
      } else if (lmHeadName != null) {
        head = create(m, transposeConcat(src.require(lmHeadName, c.vocabSize(), d)));
      }
      return new LlamaModel(c, m, embed, layers, norm, head);
    } catch (RuntimeException e) {
      m.close();
      throw e;
    }
  }

  public LlamaConfig config() {
    return config;
  }

  public boolean hasLmHead() {
    return lmHead != null;
  }

  /** A fresh child manager of the model's manager for one batch or one generation. */
  public NDManager newBatchManager() {
    return manager.newSubManager();
  }

  /**
   * Copies {@code t} into an array owned by this model (e.g. a reward head's weights), so it is
   * freed with the model.
   */
  public NDArray adopt(HostTensor t) {
    return create(manager, t);
  }

  /** Number of native arrays alive under the model's manager (weights plus any leak). */
  public int liveArrayCount() {
    return manager.getManagedArrays().size();
  }

  /**
   * Runs the decoder on a left-padded batch and returns the final-normed hidden states {@code [B,
   * T, D]} in {@code out}. With a cache, the batch holds only the new tokens and the cache holds
   * the earlier ones (its validity and positions are extended).
   */
  public NDArray forward(NDManager out, TokenBatch tokens, KvCache cache) {
    return forward(out, tokens, cache, List.of());
  }

  /**
   * {@link #forward(NDManager, TokenBatch, KvCache)} that also fills each tap with its head's
   * attention probabilities (for training losses on attention).
   */
  public NDArray forward(NDManager out, TokenBatch tokens, KvCache cache, List<AttentionTap> taps) {
    for (AttentionTap tap : taps) {
      if (tap.layer() >= layers.size() || tap.head() >= config.numHeads()) {
        throw new IllegalArgumentException("no head " + tap.head() + " in layer " + tap.layer()
            + " (" + layers.size() + " layers x " + config.numHeads() + " heads)");
      }
    }
    int b = tokens.batch();
    int t = tokens.length();
    int past = cache == null ? 0 : cache.length();
    int total = past + t;
    boolean[][] keyValid = new boolean[b][total];
    int[][] positions = tokens.positions();
    if (cache != null && past > 0) {
      positions = new int[b][t];
      for (int r = 0; r < b; r++) {
        System.arraycopy(cache.valid()[r], 0, keyValid[r], 0, past);
        for (int j = 0; j < t; j++) {
          positions[r][j] = cache.nextPosition()[r] + j;
        }
      }
    }
    int[] next = new int[b];
    for (int r = 0; r < b; r++) {
      System.arraycopy(tokens.valid()[r], 0, keyValid[r], past, t);
      next[r] = positions[r][t - 1] + 1;
    }
    NDArray ids = out.create(tokens.ids(), new Shape((long) b * t));
    NDArray x = embed.get(out, new NDIndex("{}", ids)).reshape(b, t, config.hiddenSize());
    NDArray mask = out.create(attentionMask(keyValid, past, t), new Shape(b, 1, 1, t, total));
    NDArray[] cosSin = rotary(out, positions);
    for (int i = 0; i < layers.size(); i++) {
      x = block(layers.get(i), i, x, mask, cosSin, cache, taps);
    }
    if (cache != null) {
      cache.advance(keyValid, next);
    }
    return rmsNorm(x, finalNorm);
  }

  /** Next-token logits {@code [B, V]} at the last column of {@code hidden} ({@code [B,T,D]}). */
  public NDArray lastLogits(NDArray hidden) {
    if (lmHead == null) {
      throw new IllegalStateException("this model was loaded without an LM head");
    }
    return hidden.get(":, -1, :").matMul(lmHead);
  }

  /** Logits for every position, {@code [B, T, V]}. */
  public NDArray logits(NDArray hidden) {
    if (lmHead == null) {
      throw new IllegalStateException("this model was loaded without an LM head");
    }
    return hidden.matMul(lmHead);
  }

  private NDArray block(
      Layer l, int index, NDArray x, NDArray mask, NDArray[] cosSin, KvCache cache,
      List<AttentionTap> taps) {
    Shape s = x.getShape();
    long b = s.get(0);
    long t = s.get(1);
    int heads = config.numHeads();
    int kvHeads = config.numKvHeads();
    int hd = config.headDim();
    int group = heads / kvHeads;
    NDArray qkv = rmsNorm(x, l.attnNorm()).matMul(l.wqkv());
    long qw = (long) heads * hd;
    long kw = (long) kvHeads * hd;
    NDArray q = qkv.get(":, :, :{}", qw).reshape(b, t, heads, hd).transpose(0, 2, 1, 3);
    NDArray k = qkv.get(":, :, {}:{}", qw, qw + kw).reshape(b, t, kvHeads, hd).transpose(0, 2, 1, 3);
    NDArray v = qkv.get(":, :, {}:", qw + kw).reshape(b, t, kvHeads, hd).transpose(0, 2, 1, 3);
    // Scale q (smaller than the score matrix once keys outnumber head dims).
    q = applyRotary(q, cosSin).mul(1.0 / Math.sqrt(hd));
    k = applyRotary(k, cosSin);
    if (cache != null) {
      NDArray[] kv = cache.append(index, k, v);
      k = kv[0];
      v = kv[1];
    }
    long tk = k.getShape().get(2);
    // Query heads sharing a KV head are stacked along the time axis so no K/V copy is needed.
    NDArray scores =
        q.reshape(b, kvHeads, group * t, hd)
            .matMul(k.transpose(0, 1, 3, 2))
            .reshape(b, kvHeads, group, t, tk)
            .add(mask);
    NDArray probs = scores.softmax(-1);
    for (AttentionTap tap : taps) {
      if (tap.layer() == index) {
        // query head h uses KV head h / group (Hugging Face repeat_kv order)
        tap.fill(probs.reshape(b, heads, t, tk).get(":, {}, :, :", tap.head()));
      }
    }
    NDArray attn =
        probs
            .reshape(b, kvHeads, group * t, tk)
            .matMul(v)
            .reshape(b, heads, t, hd)
            .transpose(0, 2, 1, 3)
            .reshape(b, t, qw);
    x = x.add(attn.matMul(l.wo()));
    NDArray gu = rmsNorm(x, l.mlpNorm()).matMul(l.wgateUp());
    long inter = config.intermediateSize();
    NDArray gate = gu.get("..., :{}", inter);
    NDArray up = gu.get("..., {}:", inter);
    NDArray act = gate.mul(Activation.sigmoid(gate)).mul(up);
    return x.add(act.matMul(l.wdown()));
  }

  private NDArray rmsNorm(NDArray x, NDArray weight) {
    NDArray rms = x.square().mean(new int[] {-1}, true).add(config.rmsNormEps()).sqrt();
    return x.div(rms).mul(weight);
  }

  /** cos and sin tables {@code [B, 1, T, headDim]} for the given positions. */
  private NDArray[] rotary(NDManager out, int[][] positions) {
    int b = positions.length;
    int t = positions[0].length;
    int hd = config.headDim();
    int half = hd / 2;
    float[] cos = new float[b * t * hd];
    float[] sin = new float[b * t * hd];
    for (int r = 0; r < b; r++) {
      for (int j = 0; j < t; j++) {
        int base = (r * t + j) * hd;
        for (int f = 0; f < half; f++) {
          // float32 product like Hugging Face (inv_freq and positions are float32 there)
          float angle = positions[r][j] * invFreq[f];
          float c = (float) Math.cos(angle);
          float sn = (float) Math.sin(angle);
          cos[base + f] = c;
          cos[base + half + f] = c;
          sin[base + f] = sn;
          sin[base + half + f] = sn;
        }
      }
    }
    return new NDArray[] {
      out.create(cos, new Shape(b, 1, t, hd)), out.create(sin, new Shape(b, 1, t, hd))
    };
  }

  private NDArray applyRotary(NDArray x, NDArray[] cosSin) {
    long half = config.headDim() / 2;
    NDArray x1 = x.get("..., :{}", half);
    NDArray x2 = x.get("..., {}:", half);
    NDArray rotated = x2.neg().concat(x1, -1);
    return x.mul(cosSin[0]).add(rotated.mul(cosSin[1]));
  }

  /**
   * Additive mask {@code [B,1,1,T,Tk]}: 0 where query may attend, -inf elsewhere. A query sees
   * real keys at or before its own column; every query sees itself so pad rows never divide by
   * zero (their outputs are never read).
   */
  private static float[] attentionMask(boolean[][] keyValid, int past, int t) {
    int b = keyValid.length;
    int total = past + t;
    float[] mask = new float[b * t * total];
    for (int r = 0; r < b; r++) {
      for (int j = 0; j < t; j++) {
        int qCol = past + j;
        int base = (r * t + j) * total;
        for (int kCol = 0; kCol < total; kCol++) {
          boolean allowed = kCol == qCol || (kCol < qCol && keyValid[r][kCol]);
          mask[base + kCol] = allowed ? 0f : Float.NEGATIVE_INFINITY;
        }
      }
    }
    return mask;
  }

  /** Weights back in Hugging Face names and layouts (e.g. to save a trained model). */
  public Map<String, HostTensor> exportWeights(String trunkPrefix, String lmHeadName) {
    Map<String, HostTensor> out = new LinkedHashMap<>();
    long d = config.hiddenSize();
    long q = (long) config.numHeads() * config.headDim();
    long kv = (long) config.numKvHeads() * config.headDim();
    long inter = config.intermediateSize();
    out.put(trunkPrefix + "embed_tokens.weight", host(embed));
    for (int i = 0; i < layers.size(); i++) {
      Layer l = layers.get(i);
      String p = trunkPrefix + "layers." + i + ".";
      out.put(p + "input_layernorm.weight", host(l.attnNorm()));
      List<HostTensor> qkv = splitTransposed(host(l.wqkv()), q, kv, kv);
      out.put(p + "self_attn.q_proj.weight", qkv.get(0));
      out.put(p + "self_attn.k_proj.weight", qkv.get(1));
      out.put(p + "self_attn.v_proj.weight", qkv.get(2));
      out.put(p + "self_attn.o_proj.weight", splitTransposed(host(l.wo()), d).get(0));
      out.put(p + "post_attention_layernorm.weight", host(l.mlpNorm()));
      List<HostTensor> gu = splitTransposed(host(l.wgateUp()), inter, inter);
      out.put(p + "mlp.gate_proj.weight", gu.get(0));
      out.put(p + "mlp.up_proj.weight", gu.get(1));
      out.put(p + "mlp.down_proj.weight", splitTransposed(host(l.wdown()), d).get(0));
    }
    out.put(trunkPrefix + "norm.weight", host(finalNorm));
    if (lmHead != null && !config.tieWordEmbeddings() && lmHeadName != null) {
      out.put(lmHeadName, splitTransposed(host(lmHead), config.vocabSize()).get(0));
    }
    return out;
  }

  /** The trainable arrays, in a fixed order (for optimisers). */
  public List<NDArray> parameters() {
    List<NDArray> ps = new ArrayList<>();
    ps.add(embed);
    for (Layer l : layers) {
      ps.addAll(List.of(l.attnNorm(), l.wqkv(), l.wo(), l.mlpNorm(), l.wgateUp(), l.wdown()));
    }
    ps.add(finalNorm);
    if (lmHead != null && !config.tieWordEmbeddings()) {
      ps.add(lmHead);
    }
    return ps;
  }

  static NDArray create(NDManager m, HostTensor t) {
    long[] shape = t.shape();
    return m.create(t.data(), new Shape(shape)).toType(DataType.FLOAT32, false);
  }

  static HostTensor host(NDArray a) {
    return new HostTensor(a.getShape().getShape(), a.toFloatArray());
  }

  /** {@code [out_i, in]} matrices → one {@code [in, sum(out_i)]} matrix. */
  static HostTensor transposeConcat(HostTensor... parts) {
    int in = (int) parts[0].dim(1);
    int outTotal = 0;
    for (HostTensor p : parts) {
      outTotal += (int) p.dim(0);
    }
    float[] data = new float[in * outTotal];
    int col = 0;
    for (HostTensor p : parts) {
      int rows = (int) p.dim(0);
      float[] src = p.data();
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < in; c++) {
          data[c * outTotal + col + r] = src[r * in + c];
        }
      }
      col += rows;
    }
    return new HostTensor(new long[] {in, outTotal}, data);
  }

  /** Inverse of {@link #transposeConcat}: {@code [in, sum(out_i)]} → {@code [out_i, in]} parts. */
  static List<HostTensor> splitTransposed(HostTensor fused, long... outs) {
    int in = (int) fused.dim(0);
    int outTotal = (int) fused.dim(1);
    float[] src = fused.data();
    List<HostTensor> parts = new ArrayList<>();
    int col = 0;
    for (long o : outs) {
      int rows = (int) o;
      float[] data = new float[rows * in];
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < in; c++) {
          data[r * in + c] = src[c * outTotal + col + r];
        }
      }
      parts.add(new HostTensor(new long[] {rows, in}, data));
      col += rows;
    }
    return parts;
  }

  @Override
  public void close() {
    manager.close();
  }
}
