package dev.squall.model.llama;

import dev.squall.model.HostTensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Deterministic random weights for a Llama trunk, for tests and small organisms.
 *
 * <p>Matrices are drawn from N(0, {@value #MATRIX_STD}²) like Hugging Face's {@code
 * initializer_range}; RMSNorm weights are 1 plus N(0, {@value #NORM_NOISE_STD}²) noise so that
 * tests exercise the norm weights instead of multiplying by ones. Each tensor has its own
 * generator, seeded from {@code seed} plus the tensor's index in {@link
 * LlamaWeightNames#expectedShapes} order, so a tensor's values do not depend on how many values
 * the tensors before it hold, and {@link Random}'s fully specified algorithm keeps them stable
 * across JDKs.
 */
public final class RandomLlamaWeights {
  /** Standard deviation of every matrix entry. */
  public static final double MATRIX_STD = 0.02;
  /** Standard deviation of the noise added to the 1.0 of every norm weight. */
  public static final double NORM_NOISE_STD = 0.1;

  private RandomLlamaWeights() {}

  /**
   * Creates every tensor of {@link LlamaWeightNames#expectedShapes} with the same names, order
   * and shapes. Same arguments give the same floats.
   *
   * @return a fresh, mutable insertion-ordered map owned by the caller
   */
  public static Map<String, HostTensor> create(
      LlamaConfig c, String trunkPrefix, String lmHeadName, long seed) {
    Map<String, HostTensor> out = new LinkedHashMap<>();
    int index = 0;
    for (Map.Entry<String, long[]> e :
        LlamaWeightNames.expectedShapes(c, trunkPrefix, lmHeadName).entrySet()) {
      long[] shape = e.getValue();
      float[] data = new float[Math.toIntExact(HostTensor.elementCount(shape))];
      Random random = new Random(mix(seed + index));
      boolean norm = shape.length == 1;
      for (int k = 0; k < data.length; k++) {
        double g = random.nextGaussian();
        data[k] = (float) (norm ? 1.0 + NORM_NOISE_STD * g : MATRIX_STD * g);
      }
      out.put(e.getKey(), new HostTensor(shape, data));
      index++;
    }
    return out;
  }

  /**
   * SplitMix64 finaliser: decorrelates neighbouring seeds, whose first draws from {@link Random}
   * are otherwise nearly equal.
   */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
