package dev.squall.eval.metrics;

/**
 * How a pair whose two rewards are exactly equal counts towards pairwise accuracy.
 *
 * <p>Squall's default is {@link #HALF}: a tie is a coin flip between the two responses, so it
 * earns the expected accuracy of random tie-breaking, and a constant reward model scores exactly
 * chance (0.5). RewardBench's own scripts compare with a strict {@code >}, which is {@link
 * #WRONG}; use that to reproduce published leaderboard numbers.
 */
public enum TiePolicy {
  /** A tie earns ½ (default). */
  HALF,
  /** A tie counts as wrong (RewardBench's strict {@code >}). */
  WRONG,
  /** A tie counts as right. */
  RIGHT;

  /** The default policy, {@link #HALF}. */
  public static TiePolicy defaultPolicy() {
    return HALF;
  }

  /** Credit in {0, ½, 1} for a pair with rewards {@code chosen} and {@code rejected}. */
  public double credit(double chosen, double rejected) {
    if (chosen > rejected) {
      return 1;
    }
    if (chosen < rejected) {
      return 0;
    }
    switch (this) {
      case HALF:
        return 0.5;
      case RIGHT:
        return 1;
      default:
        return 0;
    }
  }
}
