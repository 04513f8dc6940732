package dev.squall.eval.robustness;

import dev.squall.eval.metrics.MetricValue;

/**
 * An attack family against one model: successes pooled over the family's (attack, item) trials.
 * Trials on the same item under different attacks are not independent, so the Wilson interval is
 * a rough guide; per-attack figures are the primary ones.
 */
public record FamilySummary(String family, String model, MetricValue attackSuccessRate) {}
