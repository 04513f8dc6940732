package dev.squall.eval.bon;

import dev.squall.SquallException;
import dev.squall.stats.Interval;
import java.util.Objects;

/**
 * How sure the {@link GaoFit} of a best-of-N gold curve is: prompts resampled with replacement,
 * each resample's mean gold curve refitted (the N values, hence d, stay fixed).
 *
 * @param alpha percentile interval of α
 * @param beta percentile interval of β
 * @param shareTurningDown share of resamples with β &gt; 0, i.e. whose fitted curve has a peak
 * @param resamples number of resamples
 */
public record GaoFitBootstrap(
    Interval alpha, Interval beta, double shareTurningDown,
    int resamples) {
  public GaoFitBootstrap {
    Objects.requireNonNull(alpha, "alpha");
    Objects.requireNonNull(beta, "beta");
    if (!(shareTurningDown >= 0 && shareTurningDown <= 1)) {
      throw new SquallException("shareTurningDown must be in [0, 1], was " + shareTurningDown);
    }
    if (resamples < 1) {
      throw new SquallException("resamples must be >= 1, was " + resamples);
    }
  }
}
