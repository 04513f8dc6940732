package dev.squall.model.safetensors;

import java.util.Arrays;
import java.util.Objects;

/**
 * Where one tensor lives in a safetensors file, as declared (and validated) in its header.
 *
 * <p>Immutable and thread-safe; the shape is copied in and out.
 *
 * @param name tensor name, non-null
 * @param dtype element type, non-null
 * @param shape dimensions, each ≥ 0, product fits in a long (empty for a scalar)
 * @param begin first byte, relative to the start of the data region, ≥ 0
 * @param end one past the last byte; {@code end - begin == elementCount() * dtype.byteSize()}
 */
public record TensorInfo(String name, DType dtype, long[] shape, long begin, long end) {
  public TensorInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dtype, "dtype");
    shape = shape.clone();
    long n = count(shape);
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException(
          "tensor '" + name + "': bad data_offsets [" + begin + ", " + end + "]");
    }
    if (n > Long.MAX_VALUE / dtype.byteSize() || end - begin != n * dtype.byteSize()) {
      throw new IllegalArgumentException(
          "tensor '" + name + "': " + n + " elements of " + dtype + " do not take "
              + (end - begin) + " bytes");
    }
  }

  private static long count(long[] shape) {
    long n = 1;
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
      }
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  /** Product of the dimensions (1 for a scalar). */
  public long elementCount() {
    return count(shape);
  }

  /** Bytes of data, {@code end - begin}. */
  public long byteLength() {
    return end - begin;
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorInfo t
        && name.equals(t.name)
        && dtype == t.dtype
        && Arrays.equals(shape, t.shape)
        && begin == t.begin
        && end == t.end;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, dtype, Arrays.hashCode(shape), begin, end);
  }

  @Override
  public String toString() {
    return "TensorInfo[" + name + ", " + dtype + Arrays.toString(shape) + ", [" + begin + ", "
        + end + ")]";
  }
}
