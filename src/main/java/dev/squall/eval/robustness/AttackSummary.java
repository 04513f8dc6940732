package dev.squall.eval.robustness;

import dev.squall.eval.metrics.MarginChange;
import dev.squall.eval.metrics.MetricValue;
import dev.squall.rm.RewardModelKind;
import java.util.Map;

/**
 * One attack against one model over a dataset.
 *
 * @param attackSuccessRate flipped pairs among pairs the model got right before (Wilson), or
 *     null when no pair was right before
 * @param accuracyDrop accuracy before minus after on all scored pairs (paired interval)
 * @param marginChange change of r(chosen) − r(rejected) (mean with interval, quantiles)
 * @param statuses count of items per status (succeeded, failed, skipped, invalid)
 * @param critiqueEffects for CLoud targets: how many successes fooled the critique itself versus
 *     only the reward head
 * @param queries model queries charged to budgets; {@code modelCalls} of them reached the model
 */
public record AttackSummary(
    String attack,
    String family,
    String model,
    RewardModelKind kind,
    int items,
    MetricValue attackSuccessRate,
    MetricValue accuracyDrop,
    MarginChange marginChange,
    Map<String, Integer> statuses,
    Map<String, Integer> critiqueEffects,
    long queries,
    long modelCalls) {
  public AttackSummary {
    statuses = Map.copyOf(statuses);
    critiqueEffects = Map.copyOf(critiqueEffects);
  }
}
