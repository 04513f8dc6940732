package dev.squall.rm;

import java.util.List;

/**
 * Scores an assistant's response to a prompt. Batch-first: implementations provide {@link
 * #scoreAll}; the single-item forms delegate to it.
 *
 * <p>Implementations holding native memory or connections release them in {@link #close()}.
 * Unless an implementation says otherwise, instances are not thread-safe.
 */
public interface RewardModel extends AutoCloseable {

  /** What this model is and where it came from. */
  ModelInfo info();

  /** Scores every request; the result list is in request order. */
  List<RewardResult> scoreAll(List<ScoringRequest> requests);

  default RewardResult score(ScoringRequest request) {
    return scoreAll(List.of(request)).get(0);
  }

  default RewardResult score(String prompt, String response) {
    return score(ScoringRequest.of(prompt, response));
  }

  @Override
  void close();
}
