package dev.squall.attack.goal;

import java.util.OptionalDouble;

/**
 * A response the world's oracle judges wrong, attacked (and still judged wrong), scores strictly
 * above the prompt's correct response. Needs an item with a world.
 */
public record LiftWrongAboveCorrect(int queryBudget) implements Goal {
  public LiftWrongAboveCorrect {
    Goal.checkBudget(queryBudget);
  }

  @Override
  public String name() {
    return "lift_wrong_above_correct";
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
