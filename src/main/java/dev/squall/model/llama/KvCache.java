package dev.squall.model.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Keys and values of every layer for the tokens seen so far, plus which key columns are real
 * tokens and each row's next rotary position. Owned by one generation; its arrays live in {@link
 * #manager()}, which the caller closes.
 *
 * <p>Storage is preallocated to a capacity (the prompt plus max new tokens when known) and new
 * keys are written into it in place, so a decoding step copies only its own keys, not the whole
 * cache; it doubles when a step would overflow it.
 */
public final class KvCache {
  private final NDManager manager;
  private final NDArray[] keys;
  private final NDArray[] values;
  private final int initialCapacity;
  private boolean[][] valid;
  private int[] nextPosition;

  /**
   * @param capacity expected total length (tokens); storage grows past it if needed
   */
  public KvCache(NDManager manager, int layers, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
    }
    this.manager = manager;
    this.keys = new NDArray[layers];
    this.values = new NDArray[layers];
    this.initialCapacity = capacity;
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

  /**
   * Writes this step's keys and values ({@code [B, KV, t, hd]}) of {@code layer} after the {@link
   * #length()} cached columns; returns views of all of them.
   */
  NDArray[] append(int layer, NDArray k, NDArray v) {
    int past = length();
    Shape s = k.getShape();
    long t = s.get(2);
    long needed = past + t;
    if (keys[layer] == null || keys[layer].getShape().get(2) < needed) {
      long cap = Math.max(needed, keys[layer] == null ? initialCapacity : 2 * keys[layer].getShape().get(2));
      keys[layer] = grow(keys[layer], k, cap, past);
      values[layer] = grow(values[layer], v, cap, past);
    }
    NDIndex slot = new NDIndex(":, :, {}:{}", past, needed);
    keys[layer].set(slot, k);
    values[layer].set(slot, v);
    NDIndex filled = new NDIndex(":, :, :{}", needed);
    return new NDArray[] {keys[layer].get(k.getManager(), filled), values[layer].get(v.getManager(), filled)};
  }

  private NDArray grow(NDArray old, NDArray step, long capacity, int past) {
    Shape s = step.getShape();
    NDArray fresh = manager.zeros(new Shape(s.get(0), s.get(1), capacity, s.get(3)), step.getDataType());
    if (old != null) {
      fresh.set(new NDIndex(":, :, :{}", past), old.get(":, :, :{}", past));
      old.close();
    }
    return fresh;
  }
}
