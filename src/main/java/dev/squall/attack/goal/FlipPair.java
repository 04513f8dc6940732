package dev.squall.attack.goal;

import java.util.OptionalDouble;

/** The rejected response, attacked, scores strictly above the chosen one. */
public record FlipPair(int queryBudget) implements Goal {
  public FlipPair {
    Goal.checkBudget(queryBudget);
  }

  @Override
  public String name() {
    return "flip_pair";
  }

  @Override
  public boolean needsReference() {
    return true;
  }

  @Override
  public double margin(double candidate, double original, OptionalDouble reference) {
    return candidate - Goal.ref(reference, name());
  }
}
