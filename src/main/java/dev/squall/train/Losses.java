package dev.squall.train;

import ai.djl.ndarray.NDArray;

/** Differentiable losses on DJL arrays. Results belong to the first operand's manager. */
public final class Losses {
  private Losses() {}

  /**
   * Masked, weighted next-token cross-entropy: the {@code mask}-weighted mean of {@code
   * -log softmax(logits)[target]} (a 0/1 mask gives the plain mean over unmasked positions), computed with {@code logSoftmax} and {@code gather} (no
   * one-hot, so no {@code -inf · 0}).
   *
   * @param logits {@code [B, T, V]}
   * @param targets {@code [B, T]} int64 target ids (any id where the mask is 0)
   * @param mask {@code [B, T]} float32 weights (0 = not a target)
   * @return scalar loss
   */
  public static NDArray tokenCrossEntropy(NDArray logits, NDArray targets, NDArray mask) {
    return tokenCrossEntropySum(logits, targets, mask).div(mask.sum().maximum(1f));
  }

  /**
   * The numerator of {@link #tokenCrossEntropy}: the {@code mask}-weighted sum of {@code -log
   * softmax(logits)[target]}, for a mean over several micro-batches.
   */
  public static NDArray tokenCrossEntropySum(NDArray logits, NDArray targets, NDArray mask) {
    NDArray logp = logits.logSoftmax(-1);
    NDArray picked = logp.gather(targets.expandDims(-1), -1).squeeze(-1);
    return picked.mul(mask).sum().neg();
  }

  /**
   * Bradley–Terry loss {@code mean(-log σ(r_chosen − r_rejected))} in the stable softplus form
   * {@code softplus(-d) = max(-d, 0) + log(1 + exp(-|d|))}.
   */
  public static NDArray bradleyTerry(NDArray chosen, NDArray rejected) {
    NDArray d = chosen.sub(rejected);
    NDArray x = d.neg();
    return x.maximum(0f).add(x.abs().neg().exp().add(1f).log()).mean();
  }
}
