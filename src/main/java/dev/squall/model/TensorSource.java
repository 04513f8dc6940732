package dev.squall.model;

import java.util.Arrays;
import java.util.Map;

/**
 * Where a model's weights come from: a model folder's safetensors files, or tensors in memory.
 * Implementations check the shape and throw {@link ModelFormatException} naming the tensor.
 */
@FunctionalInterface
public interface TensorSource {
  /** Returns tensor {@code name}, which must have exactly {@code shape}. */
  HostTensor require(String name, long... shape);

  /** A source over an in-memory map, as produced by training or random initialisation. */
  static TensorSource of(Map<String, HostTensor> tensors) {
    return (name, shape) -> {
      HostTensor t = tensors.get(name);
      if (t == null) {
        throw new ModelFormatException("tensor '" + name + "' is missing");
      }
      if (!Arrays.equals(t.shape(), shape)) {
        throw new ModelFormatException(
            "tensor '" + name + "' has shape " + Arrays.toString(t.shape()) + ", expected "
                + Arrays.toString(shape));
      }
      return t;
    };
  }
}
