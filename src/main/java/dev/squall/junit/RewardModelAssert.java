package dev.squall.junit;

import dev.squall.rm.RewardModel;

/** The concrete assertion class returned by {@link SquallAssertions#assertThatRewardModel}. */
public final class RewardModelAssert extends AbstractRewardModelAssert<RewardModelAssert> {
  public RewardModelAssert(RewardModel actual) {
    super(actual, RewardModelAssert.class);
  }
}
