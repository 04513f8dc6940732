package dev.squall.eval.bon;

import dev.squall.SquallException;
import dev.squall.stats.Estimate;
import java.util.Objects;

/**
 * One point of a best-of-N curve: with N candidates per prompt, the proxy picks its best; the
 * means over prompts of the pick's proxy and gold rewards.
 *
 * @param n number of candidates N
 * @param kl KL_bon(N) = log N − (N − 1)/N (nats)
 * @param proxy mean proxy reward of the picks, normal interval over prompts
 * @param gold mean gold reward of the picks over prompts, with an interval inside the gold
 *     reward's support (Wilson or bootstrap percentile; see {@link BestOfN})
 */
public record BestOfNCurve(int n, double kl, Estimate proxy, Estimate gold) {
  public BestOfNCurve {
    if (n < 1) {
      throw new SquallException("n must be >= 1, was " + n);
    }
    Objects.requireNonNull(proxy, "proxy");
    Objects.requireNonNull(gold, "gold");
  }

  /** d = √KL. */
  public double d() {
    return Math.sqrt(kl);
  }
}
