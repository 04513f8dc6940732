package dev.squall.attack;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one attack on one item.
 *
 * @param itemId the item's id
 * @param attack the attack's name
 * @param seed the item's search seed (derived from the run seed, attack name and item id)
 * @param status succeeded / failed / skipped / invalid
 * @param original the original response
 * @param adversarial the best valid candidate with its edits (the original when none was scored)
 * @param models the target model first, then the transfer models
 * @param budget the goal's query budget
 * @param queriesUsed distinct texts charged to the budget for this item (never above budget)
 * @param modelCalls of those, the ones that reached the model (the rest came from the cache)
 * @param candidatesScored valid candidates scored
 * @param invalidCandidates candidates rejected by constraints (never scored, never a success)
 * @param rejections rejections per constraint name
 * @param rejectionExamples up to five rejection reasons, for the report
 */
public record AttackResult(
    String itemId,
    String attack,
    long seed,
    AttackStatus status,
    String original,
    AttackedText adversarial,
    List<ModelScores> models,
    int budget,
    int queriesUsed,
    int modelCalls,
    int candidatesScored,
    int invalidCandidates,
    Map<String, Integer> rejections,
    List<String> rejectionExamples) {
  public AttackResult {
    Objects.requireNonNull(itemId, "itemId");
    Objects.requireNonNull(attack, "attack");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(original, "original");
    Objects.requireNonNull(adversarial, "adversarial");
    models = List.copyOf(models);
    rejections = Map.copyOf(rejections);
    rejectionExamples = List.copyOf(rejectionExamples);
    if (queriesUsed > budget) {
      throw new IllegalArgumentException("queriesUsed " + queriesUsed + " exceeds budget " + budget);
    }
  }

  public boolean succeeded() {
    return status instanceof AttackStatus.Succeeded;
  }

  /** The target model's scores (the first entry), when the item was scored at all. */
  public java.util.Optional<ModelScores> target() {
    return models.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(models.get(0));
  }
}
