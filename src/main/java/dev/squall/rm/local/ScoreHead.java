package dev.squall.rm.local;

import ai.djl.ndarray.NDArray;
import dev.squall.model.HostTensor;
import dev.squall.model.TensorSource;
import dev.squall.model.hf.ModelLayout;
import dev.squall.model.llama.LlamaModel;

/**
 * A reward head over the final hidden state of the last token ({@code [B, D]} → {@code [B]}).
 * Its arrays are owned by the trunk's model, so they are freed with it.
 */
sealed interface ScoreHead {

  NDArray apply(NDArray lastHidden);

  long parameters();

  /** {@code LlamaForSequenceClassification}: {@code score.weight} {@code [1, D]}, no bias. */
  record Linear(NDArray weightT, long parameters) implements ScoreHead {
    static Linear load(LlamaModel model, TensorSource src) {
      int d = model.config().hiddenSize();
      HostTensor w = src.require("score.weight", 1, d);
      return new Linear(model.adopt(new HostTensor(new long[] {d, 1}, w.data())), d);
    }

    @Override
    public NDArray apply(NDArray lastHidden) {
      return lastHidden.matMul(weightT).squeeze(-1);
    }
  }

  /**
   * The CLoud code's reward head: dropout → Linear(D, D) → tanh → dropout → Linear(D, 1) (dropout
   * is the identity at inference).
   */
  record Mlp(NDArray denseT, NDArray denseB, NDArray outT, NDArray outB, long parameters)
      implements ScoreHead {
    static Mlp load(LlamaModel model, TensorSource src) {
      int d = model.config().hiddenSize();
      String p = ModelLayout.CLOUD_HEAD;
      HostTensor dense = src.require(p + "dense.weight", d, d);
      HostTensor denseB = src.require(p + "dense.bias", d);
      HostTensor out = src.require(p + "out_proj.weight", 1, d);
      HostTensor outB = src.require(p + "out_proj.bias", 1);
      float[] dt = new float[d * d];
      float[] dw = dense.data();
      for (int r = 0; r < d; r++) {
        for (int c = 0; c < d; c++) {
          dt[c * d + r] = dw[r * d + c];
        }
      }
      return new Mlp(
          model.adopt(new HostTensor(new long[] {d, d}, dt)),
          model.adopt(denseB),
          model.adopt(new HostTensor(new long[] {d, 1}, out.data())),
          model.adopt(outB),
          (long) d * d + d + d + 1);
    }

    @Override
    public NDArray apply(NDArray lastHidden) {
      return lastHidden.matMul(denseT).add(denseB).tanh().matMul(outT).add(outB).squeeze(-1);
    }
  }
}
