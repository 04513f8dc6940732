/**
 * The reward-model API: a batch-first {@link dev.squall.rm.RewardModel}, requests, results with
 * critiques and provenance, and usage metering ({@link dev.squall.rm.Metered} models report {@link
 * dev.squall.rm.Usage} per meter, with a {@link dev.squall.rm.Cost} when priced). Implementations
 * live in subpackages.
 */
package dev.squall.rm;
