package dev.squall.eval.metrics;

/** Typed identifiers of Squall's reward-model metrics (used as keys in reports). */
public enum MetricId {
  /** Share of pairs whose chosen response outscores the rejected one (ties per policy). */
  PAIRWISE_ACCURACY,
  /** Accuracy before an attack minus accuracy after it, on the same pairs. */
  ACCURACY_DROP,
  /** Share of pairs correct before the attack that are no longer correct after it. */
  ATTACK_SUCCESS_RATE,
  /** Change of the margin r(chosen) − r(rejected) caused by a transform. */
  MARGIN_CHANGE,
  /** Share of pairs whose preference sign is unchanged by a transform. */
  RANKING_CONSISTENCY,
  /** Share of content-free "master key" responses the reward model accepts. */
  MASTER_KEY_FPR,
  /** RewardBench v1 section score (example-count-weighted mean of subset accuracies). */
  REWARDBENCH_SECTION,
  /** RewardBench 2 best-of-4 score with 1/(#ties at max) credit. */
  REWARDBENCH2_BEST_OF_4,
  /** RM-Bench easy / normal / hard accuracy from the 3×3 style matrix. */
  RM_BENCH,
  /** Expected calibration error of Bradley–Terry preference probabilities. */
  EXPECTED_CALIBRATION_ERROR,
  /** Shift of the reward distribution (mean, standard deviation) between splits. */
  REWARD_SCALE_SHIFT
}
