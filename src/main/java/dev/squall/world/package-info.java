/**
 * Synthetic worlds with ground truth, on which Squall trains and stress-tests its model organisms.
 *
 * <p>Each {@link dev.squall.world.World} has a skill that is hard to check in one forward pass of a
 * tiny transformer but easy when worked step by step in a critique, subtly wrong rejected
 * responses, an oracle ({@link dev.squall.world.World#judge}) that knows the truth for any response
 * text, oracle critiques that end with a verdict, planted {@link dev.squall.world.SpuriousFeature
 * spurious features} with documented strength, and out-of-distribution {@link
 * dev.squall.world.Split splits}. Rows are {@link dev.squall.world.PreferencePair}s stored as
 * RewardBench-compatible JSONL by {@link dev.squall.world.PairJsonl}; {@link
 * dev.squall.world.DatasetGenerator} writes the datasets and their cards.
 *
 * <p>All randomness comes from a seed, split per example by hashing (seed, world, split, index), so
 * the same seed always gives the same bytes and any row can be regenerated alone.
 */
package dev.squall.world;
