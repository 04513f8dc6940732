package dev.squall.model.llama;

import ai.djl.ndarray.NDArray;

/**
 * Asks a forward pass to keep one head's attention probabilities, so a training loss can act on
 * them (the recipe's lookup supervision). The probabilities live in the forward's output manager
 * and stay attached to the autograd graph; nothing of this exists at inference.
 */
public final class AttentionTap {
  private final int layer;
  private final int head;
  private NDArray probabilities;

  /** A tap on query head {@code head} of decoder layer {@code layer} (both from 0). */
  public AttentionTap(int layer, int head) {
    if (layer < 0 || head < 0) {
      throw new IllegalArgumentException("layer and head must be >= 0, got " + layer + ", " + head);
    }
    this.layer = layer;
    this.head = head;
  }

  public int layer() {
    return layer;
  }

  public int head() {
    return head;
  }

  /** {@code [B, T, Tk]} from the last forward that used this tap. */
  public NDArray probabilities() {
    if (probabilities == null) {
      throw new IllegalStateException("no forward has filled this tap (layer " + layer + ", head " + head + ")");
    }
    return probabilities;
  }

  void fill(NDArray p) {
    probabilities = p;
  }
}
