package dev.squall.model.generation;

import java.util.Set;

/**
 * How to decode: Hugging Face {@code generate} semantics for the parameters it shares.
 *
 * @param maxNewTokens upper bound on generated tokens (≥ 1); a sequence that reaches it without a
 *     stop token is reported as truncated
 * @param temperature 0 for greedy decoding, otherwise the softmax temperature (&gt; 0)
 * @param topP nucleus sampling mass in (0, 1]; 1 disables it
 * @param repetitionPenalty Hugging Face repetition penalty (≥ 1 discourages repeats; 1 disables):
 *     for each token already in the prompt or the output, a positive logit is divided by it and a
 *     negative one multiplied
 * @param stopTokens ids that end a sequence (the stop token is not part of the returned text)
 * @param useCache false recomputes the whole prefix every step (for tests and benchmarks)
 */
public record GenerationConfig(
    int maxNewTokens,
    double temperature,
    double topP,
    double repetitionPenalty,
    Set<Integer> stopTokens,
    boolean useCache) {
  public GenerationConfig {
    if (maxNewTokens < 1) {
      throw new IllegalArgumentException("maxNewTokens must be >= 1, got " + maxNewTokens);
    }
    if (!(temperature >= 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("temperature must be >= 0 and finite, got " + temperature);
    }
    if (!(topP > 0 && topP <= 1)) {
      throw new IllegalArgumentException("topP must be in (0, 1], got " + topP);
    }
    if (!(repetitionPenalty > 0) || Double.isInfinite(repetitionPenalty)) {
      throw new IllegalArgumentException(
          "repetitionPenalty must be > 0 and finite, got " + repetitionPenalty);
    }
    stopTokens = Set.copyOf(stopTokens);
  }

  /** Greedy decoding with no penalty, stopping at {@code stopTokens}. */
  public static GenerationConfig greedy(int maxNewTokens, Set<Integer> stopTokens) {
    return new GenerationConfig(maxNewTokens, 0, 1, 1, stopTokens, true);
  }

  public boolean greedy() {
    return temperature == 0;
  }

  public GenerationConfig withCache(boolean cache) {
    return new GenerationConfig(
        maxNewTokens, temperature, topP, repetitionPenalty, stopTokens, cache);
  }
}
