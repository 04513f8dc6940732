package dev.squall.junit;

import dev.squall.rm.RewardModel;

/**
 * Entry point of Squall's fluent assertions, in the style of AssertJ's {@code Assertions}:
 *
 * <pre>{@code
 * assertThatRewardModel(cloud).on(Datasets.world("arithmetic", Split.TEST, 200, 7))
 *     .under("flattery").hasAttackSuccessRateAtMost(0.10)
 *     .isAtLeastAsRobustAs(classic).within(0.02);
 * }</pre>
 */
public final class SquallAssertions {
  private SquallAssertions() {}

  /** Assertions on {@code model}; the model is not closed by them. */
  public static RewardModelAssert assertThatRewardModel(RewardModel model) {
    return new RewardModelAssert(model);
  }
}
