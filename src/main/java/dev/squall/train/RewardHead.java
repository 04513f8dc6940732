package dev.squall.train;

import ai.djl.ndarray.NDArray;
import dev.squall.model.HostTensor;
import dev.squall.model.hf.ModelLayout;
import dev.squall.model.llama.LlamaModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The CLoud code's MLP reward head (dense → tanh → out_proj; dropout is not used in training
 * here), with its arrays owned by a trunk model so they die with it. Runtime layout is
 * transposed ({@code x · W}); {@link #export} writes Hugging Face names and layouts.
 */
public final class RewardHead {
  private final int d;
  private final NDArray denseT;
  private final NDArray denseB;
  private final NDArray outT;
  private final NDArray outB;

  private RewardHead(int d, NDArray denseT, NDArray denseB, NDArray outT, NDArray outB) {
    this.d = d;
    this.denseT = denseT;
    this.denseB = denseB;
    this.outT = outT;
    this.outB = outB;
  }

  /**
   * A freshly initialised head: dense ~ N(0, 1/D), out_proj ~ N(0, 0.02²), zero biases
   * (deterministic per seed).
   */
  public static RewardHead fresh(LlamaModel model, long seed) {
    int d = model.config().hiddenSize();
    Random r = new Random(seed);
    float[] dense = new float[d * d];
    for (int i = 0; i < dense.length; i++) {
      dense[i] = (float) (r.nextGaussian() / Math.sqrt(d));
    }
    float[] out = new float[d];
    for (int i = 0; i < d; i++) {
      out[i] = (float) (0.02 * r.nextGaussian());
    }
    return new RewardHead(
        d,
        model.adopt(new HostTensor(new long[] {d, d}, dense)),
        model.adopt(new HostTensor(new long[] {d}, new float[d])),
        model.adopt(new HostTensor(new long[] {d, 1}, out)),
        model.adopt(new HostTensor(new long[] {1}, new float[1])));
  }

  /** A head from Hugging Face-layout {@code reward_head.*} tensors (as {@link #export} writes). */
  public static RewardHead load(LlamaModel model, Map<String, HostTensor> w) {
    int d = model.config().hiddenSize();
    String p = ModelLayout.CLOUD_HEAD;
    float[] dense = w.get(p + "dense.weight").data();
    float[] t = new float[d * d];
    for (int r = 0; r < d; r++) {
      for (int c = 0; c < d; c++) {
        t[c * d + r] = dense[r * d + c];
      }
    }
    return new RewardHead(
        d,
        model.adopt(new HostTensor(new long[] {d, d}, t)),
        model.adopt(w.get(p + "dense.bias")),
        model.adopt(new HostTensor(new long[] {d, 1}, w.get(p + "out_proj.weight").data())),
        model.adopt(w.get(p + "out_proj.bias")));
  }

  /** {@code [B, D]} last-token hidden states → {@code [B]} rewards. */
  public NDArray apply(NDArray lastHidden) {
    return lastHidden.matMul(denseT).add(denseB).tanh().matMul(outT).add(outB).squeeze(-1);
  }

  public List<NDArray> parameters() {
    return List.of(denseT, denseB, outT, outB);
  }

  /** {@code reward_head.*} tensors in Hugging Face layout ({@code [out, in]} weights). */
  public Map<String, HostTensor> export() {
    float[] t = denseT.toFloatArray();
    float[] w = new float[d * d];
    for (int r = 0; r < d; r++) {
      for (int c = 0; c < d; c++) {
        w[r * d + c] = t[c * d + r];
      }
    }
    String p = ModelLayout.CLOUD_HEAD;
    Map<String, HostTensor> out = new LinkedHashMap<>();
    out.put(p + "dense.weight", new HostTensor(new long[] {d, d}, w));
    out.put(p + "dense.bias", new HostTensor(new long[] {d}, denseB.toFloatArray()));
    out.put(p + "out_proj.weight", new HostTensor(new long[] {1, d}, outT.toFloatArray()));
    out.put(p + "out_proj.bias", new HostTensor(new long[] {1}, outB.toFloatArray()));
    return out;
  }
}
