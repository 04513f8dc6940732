package dev.squall.model.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Keys and values of every layer for the tokens seen so far, plus which key columns are real
 * tokens and each row's next rotary position. Owned by one generation; its arrays live in
 * {@link #manager()}, which the caller closes.
 */
public final class KvCache {
  private final NDManager manager;
  private final NDArray[] keys;
  private final NDArray[] values;
  private boolean[][] valid;
  private int[] nextPosition;

  public KvCache(NDManager manager, int layers) {
    this.manager = manager;
    this.keys = new NDArray[layers];
    this.values = new NDArray[layers];
  }

  NDManager manager() {
    return manager;
  }

  /** Number of cached key columns (0 before the first forward). */
  public int length() {
    return valid == null ? 0 : valid[0].length;
  }

  boolean[][] valid() {
    return valid;
  }

  int[] nextPosition() {
    return nextPosition;
  }

  void advance(boolean[][] allValid, int[] next) {
    this.valid = allValid;
    this.nextPosition = next;
  }

  /** Appends this step's keys and values of {@code layer}; returns the full ones. */
  NDArray[] append(int layer, NDArray k, NDArray v) {
    NDArray fullK = keys[layer] == null ? k : keys[layer].concat(k, 2);
    NDArray fullV = values[layer] == null ? v : values[layer].concat(v, 2);
    fullK.attach(manager);
    fullV.attach(manager);
    if (keys[layer] != null) {
      keys[layer].close();
      values[layer].close();
    }
    keys[layer] = fullK;
    values[layer] = fullV;
    return new NDArray[] {fullK, fullV};
  }
}
