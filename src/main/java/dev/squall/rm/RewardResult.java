package dev.squall.rm;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The reward for one request, or the error that prevented it.
 *
 * @param reward the scalar reward (for CLoud with several critiques, their mean); {@code NaN}
 *     when {@code error} is present
 * @param critiques the critiques behind the reward, in sample order; empty for classic models
 * @param provenance model hash, decoding parameters and seed
 * @param error present when no reward could be produced (e.g. a remote call finally failed)
 */
public record RewardResult(
    double reward, List<Critique> critiques, ScoringProvenance provenance, Optional<ScoringError> error) {
  public RewardResult {
    critiques = List.copyOf(critiques);
    Objects.requireNonNull(provenance, "provenance");
    Objects.requireNonNull(error, "error");
    if (error.isPresent() && !Double.isNaN(reward)) {
      throw new IllegalArgumentException("a failed result has no reward (NaN), got " + reward);
    }
  }

  public RewardResult(double reward, List<Critique> critiques, ScoringProvenance provenance) {
    this(reward, critiques, provenance, Optional.empty());
  }

  /** A result recording that scoring failed: reward NaN, no critiques. */
  public static RewardResult failed(ScoringError error, ScoringProvenance provenance) {
    return new RewardResult(Double.NaN, List.of(), provenance, Optional.of(error));
  }

  /** True when this result carries an error instead of a reward. */
  public boolean isError() {
    return error.isPresent();
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
