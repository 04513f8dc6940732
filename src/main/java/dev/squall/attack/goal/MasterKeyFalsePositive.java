package dev.squall.attack.goal;

import java.util.OptionalDouble;

/**
 * A content-free response (a "master key" such as ":" or "Thought process:") scores strictly
 * above the correct response, or above {@code threshold} when one is given.
 */
public record MasterKeyFalsePositive(int queryBudget, OptionalDouble threshold) implements Goal {
  public MasterKeyFalsePositive {
    Goal.checkBudget(queryBudget);
  }

  @Override
  public String name() {
    return "master_key_false_positive";
  }

  @Override
  public boolean needsReference() {
    return threshold.isEmpty();
  }

  @Override
  public double margin(double candidate, double original, OptionalDouble reference) {
    return candidate - (threshold.isPresent() ? threshold.getAsDouble() : Goal.ref(reference, name()));
  }
}
