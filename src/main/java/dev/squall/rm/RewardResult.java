package dev.squall.rm;

import java.util.List;
import java.util.Objects;

/**
 * The reward for one request.
 *
 * @param reward the scalar reward (for CLoud with several critiques, their mean)
 * @param critiques the critiques behind the reward, in sample order; empty for classic models
 * @param provenance model hash, decoding parameters and seed
 */
public record RewardResult(double reward, List<Critique> critiques, ScoringProvenance provenance) {
  public RewardResult {
    critiques = List.copyOf(critiques);
    Objects.requireNonNull(provenance, "provenance");
  }

  /** The first critique's text, or empty for classic models. */
  public String critique() {
    return critiques.isEmpty() ? "" : critiques.get(0).text();
  }

  /** True when any critique was cut at the max-token limit. */
  public boolean truncated() {
    return critiques.stream().anyMatch(Critique::truncated);
  }
}
