package dev.squall.attack;

import dev.squall.rm.RewardModelKind;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One model's view of an attacked item.
 *
 * @param model model name
 * @param kind classic or CLoud
 * @param target true for the model the search queried; others are transfer evaluations
 * @param rewardBefore reward of the original response
 * @param rewardAfter reward of the adversarial response
 * @param referenceReward reward of the reference response, when the item has one
 * @param critiqueBefore CLoud critique of the original ("" for classic)
 * @param critiqueAfter CLoud critique of the adversarial text ("" for classic)
 * @param critiqueTruncatedAfter whether the critique of the adversarial text hit the token limit
 * @param critiqueEffect whether the critique itself was fooled or only the reward head
 */
public record ModelScores(
    String model,
    RewardModelKind kind,
    boolean target,
    double rewardBefore,
    double rewardAfter,
    OptionalDouble referenceReward,
    String critiqueBefore,
    String critiqueAfter,
    boolean critiqueTruncatedAfter,
    CritiqueEffect critiqueEffect) {
  public ModelScores {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(referenceReward, "referenceReward");
    Objects.requireNonNull(critiqueBefore, "critiqueBefore");
    Objects.requireNonNull(critiqueAfter, "critiqueAfter");
    Objects.requireNonNull(critiqueEffect, "critiqueEffect");
  }

  /** True when the adversarial text beats the reference for this model. */
  public boolean flipped() {
    return referenceReward.isPresent() && rewardAfter > referenceReward.getAsDouble();
  }
}
