/**
 * The reward-model API: a batch-first {@link dev.squall.rm.RewardModel}, requests, results with
 * critiques and provenance. Implementations live in subpackages.
 */
package dev.squall.rm;
