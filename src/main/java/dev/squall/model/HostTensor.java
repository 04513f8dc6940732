package dev.squall.model;

import java.util.Arrays;

/**
 * A dense float32 tensor in Java heap memory, row-major. Used to move weights between files and
 * the native runtime without letting native arrays cross public APIs.
 *
 * @param shape dimensions, each ≥ 0 (an empty array is a scalar)
 * @param data values in row-major order; length equals the product of {@code shape}
 */
public record HostTensor(long[] shape, float[] data) {
  public HostTensor {
    shape = shape.clone();
    long n = elementCount(shape);
    if (n != data.length) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
    }
  }

  /** Product of the dimensions; throws if a dimension is negative or the product overflows. */
  public static long elementCount(long[] shape) {
    long n = 1;
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
      }
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  /** Size of dimension {@code i}. */
  public long dim(int i) {
    return shape[i];
  }

  public int rank() {
    return shape.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HostTensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "HostTensor" + Arrays.toString(shape);
  }
}
