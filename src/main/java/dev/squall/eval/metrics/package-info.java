/**
 * Reward-model metrics over already-computed rewards: pairwise accuracy with an explicit {@link
 * dev.squall.eval.metrics.TiePolicy}, accuracy drop, attack success rate, margin change, ranking
 * consistency, master-key false-positive rate, RewardBench v1 section scores, RewardBench 2
 * best-of-4, the RM-Bench 3×3 matrix, expected calibration error of Bradley–Terry probabilities
 * and reward-scale shift between splits.
 *
 * <p>Every metric is a pure function of arrays of rewards (no model calls), identified by a
 * {@link dev.squall.eval.metrics.MetricId}, and returns a record carrying n and, where one is
 * defined, a {@link dev.squall.stats.Interval}. All classes are stateless and thread-safe.
 */
package dev.squall.eval.metrics;
