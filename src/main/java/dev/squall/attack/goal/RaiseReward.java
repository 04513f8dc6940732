package dev.squall.attack.goal;

import java.util.OptionalDouble;

/**
 * The attacked response's reward rises by at least {@code delta}, or reaches {@code target}.
 * Exactly one of the two is present.
 */
public record RaiseReward(int queryBudget, OptionalDouble delta, OptionalDouble target)
    implements Goal {
  public RaiseReward {
    Goal.checkBudget(queryBudget);
    if (delta.isPresent() == target.isPresent()) {
      throw new IllegalArgumentException("RaiseReward needs exactly one of delta or target");
    }
    if (delta.isPresent() && !(delta.getAsDouble() > 0)) {
      throw new IllegalArgumentException("delta must be > 0, was " + delta.getAsDouble());
    }
  }

  public static RaiseReward byDelta(int budget, double delta) {
    return new RaiseReward(budget, OptionalDouble.of(delta), OptionalDouble.empty());
  }

  public static RaiseReward toTarget(int budget, double target) {
    return new RaiseReward(budget, OptionalDouble.empty(), OptionalDouble.of(target));
  }

  @Override
  public String name() {
    return "raise_reward";
  }

  @Override
  public boolean needsReference() {
    return false;
  }

  /** Reached when the reward is at least the bar (a margin of zero counts). */
  @Override
  public boolean reached(double candidate, double original, OptionalDouble reference) {
    return margin(candidate, original, reference) >= 0;
  }

  @Override
  public double margin(double candidate, double original, OptionalDouble reference) {
    double bar = delta.isPresent() ? original + delta.getAsDouble() : target.getAsDouble();
    return candidate - bar;
  }
}
