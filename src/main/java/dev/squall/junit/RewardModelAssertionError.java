package dev.squall.junit;

import dev.squall.stats.Interval;

/**
 * A failed reward-model assertion. The message is multi-line (what was expected, n, estimate,
 * interval and level, seed, worst examples); the numbers are also available as fields.
 */
public class RewardModelAssertionError extends AssertionError {
  private static final long serialVersionUID = 1L;

  private final double estimate;
  private final transient Interval interval;
  private final int n;

  RewardModelAssertionError(String message, double estimate, Interval interval, int n) {
    super(message);
    this.estimate = estimate;
    this.interval = interval;
    this.n = n;
  }

  /** The point estimate the decision was about (NaN when nothing could be measured). */
  public double estimate() {
    return estimate;
  }

  /** The interval the decision used, or {@code null} when nothing could be measured. */
  public Interval interval() {
    return interval;
  }

  /** Items counted. */
  public int n() {
    return n;
  }
}
