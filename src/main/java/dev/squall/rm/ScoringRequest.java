package dev.squall.rm;

import java.util.Objects;
import java.util.Optional;

/**
 * One (prompt, response) to score, optionally with a critique supplied by the caller (for
 * counterfactual-critique experiments: a CLoud model then scores with that critique instead of
 * writing its own; classic models ignore it).
 */
public record ScoringRequest(String prompt, String response, Optional<String> givenCritique) {
  public ScoringRequest {
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(givenCritique, "givenCritique");
  }

  public static ScoringRequest of(String prompt, String response) {
    return new ScoringRequest(prompt, response, Optional.empty());
  }

  public ScoringRequest withCritique(String critique) {
    return new ScoringRequest(prompt, response, Optional.of(critique));
  }
}
