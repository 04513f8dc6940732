package dev.squall.rm;

/**
 * How a CLoud model writes critiques. Defaults follow the public CLoud code: greedy, at most 1024
 * new tokens, repetition penalty 1.01, one critique.
 *
 * @param samples number of critiques (self-consistency: the reward is their mean); &gt; 1 needs
 *     temperature &gt; 0
 * @param temperature 0 for greedy
 * @param topP nucleus mass in (0, 1]
 * @param maxTokens max new tokens per critique
 * @param repetitionPenalty Hugging Face repetition penalty
 * @param seed base seed; each critique's seed derives from it, the request text and the sample
 *     index, so results do not depend on batching
 */
public record CritiqueDecoding(
    int samples, double temperature, double topP, int maxTokens, double repetitionPenalty, long seed) {
  public CritiqueDecoding {
    if (samples < 1) {
      throw new IllegalArgumentException("critique samples must be >= 1, got " + samples);
    }
    if (samples > 1 && temperature == 0) {
      throw new IllegalArgumentException(
          "self-consistency with " + samples + " critiques needs temperature > 0 (greedy critiques"
              + " are identical)");
    }
    if (maxTokens < 1) {
      throw new IllegalArgumentException("max critique tokens must be >= 1, got " + maxTokens);
    }
    if (!(temperature >= 0) || !(topP > 0 && topP <= 1) || !(repetitionPenalty > 0)) {
      throw new IllegalArgumentException(
          "need temperature >= 0, 0 < topP <= 1, repetitionPenalty > 0; got " + temperature + ", "
              + topP + ", " + repetitionPenalty);
    }
  }

  /** The public CLoud code's defaults. */
  public static CritiqueDecoding defaults() {
    return new CritiqueDecoding(1, 0.0, 1.0, 1024, 1.01, 0L);
  }

  /** Self-consistency as in the paper: {@code n} critiques sampled at {@code temperature}. */
  public static CritiqueDecoding selfConsistency(int n, double temperature, long seed) {
    return new CritiqueDecoding(n, temperature, 1.0, 1024, 1.01, seed);
  }

  public CritiqueDecoding withMaxTokens(int max) {
    return new CritiqueDecoding(samples, temperature, topP, max, repetitionPenalty, seed);
  }
}
