package dev.squall.model.llama;

/**
 * Llama-3.1 style frequency-dependent RoPE scaling ({@code rope_scaling.rope_type == "llama3"}).
 *
 * @param factor overall context extension factor (8 in Llama-3.1)
 * @param lowFreqFactor wavelengths longer than {@code original/lowFreqFactor} are divided by factor
 * @param highFreqFactor wavelengths shorter than {@code original/highFreqFactor} are kept
 * @param originalMaxPositionEmbeddings the pre-extension context length (8192 in Llama-3.1)
 */
public record RopeScaling(
    double factor, double lowFreqFactor, double highFreqFactor, int originalMaxPositionEmbeddings) {
  public RopeScaling {
    if (!(factor > 0) || !(lowFreqFactor > 0) || !(highFreqFactor > lowFreqFactor)) {
      throw new IllegalArgumentException(
          "llama3 rope_scaling needs factor > 0 and high_freq_factor > low_freq_factor > 0, got factor="
              + factor + " low=" + lowFreqFactor + " high=" + highFreqFactor);
    }
    if (originalMaxPositionEmbeddings <= 0) {
      throw new IllegalArgumentException(
          "original_max_position_embeddings must be > 0, got " + originalMaxPositionEmbeddings);
    }
  }

  /** Applies the llama3 rule to unscaled inverse frequencies, as Hugging Face's rope utils do. */
  public double[] apply(double[] invFreq) {
    double lowFreqWavelen = originalMaxPositionEmbeddings / lowFreqFactor;
    double highFreqWavelen = originalMaxPositionEmbeddings / highFreqFactor;
    double[] out = new double[invFreq.length];
    for (int i = 0; i < invFreq.length; i++) {
      double wavelen = 2 * Math.PI / invFreq[i];
      if (wavelen > lowFreqWavelen) {
        out[i] = invFreq[i] / factor;
      } else if (wavelen < highFreqWavelen) {
        out[i] = invFreq[i];
      } else {
        double smooth =
            (originalMaxPositionEmbeddings / wavelen - lowFreqFactor)
                / (highFreqFactor - lowFreqFactor);
        out[i] = (1 - smooth) * invFreq[i] / factor + smooth * invFreq[i];
      }
    }
    return out;
  }
}
