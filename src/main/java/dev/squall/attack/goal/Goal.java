package dev.squall.attack.goal;

import java.util.OptionalDouble;

/**
 * What an attack tries to achieve on one item, and its query budget (the most model queries the
 * search may spend on the item, the initial scoring of the original and reference included).
 * Every goal raises the reward of the attacked response; {@link #margin} is positive (or, for
 * {@link RaiseReward}, non-negative) exactly when the goal is reached. Immutable.
 */
public sealed interface Goal
    permits FlipPair, RaiseReward, LiftWrongAboveCorrect, MasterKeyFalsePositive {
  int queryBudget();

  /** Stable name used in recipes and reports. */
  String name();

  /** Whether the goal needs the reference (chosen / correct) response's reward. */
  boolean needsReference();

  /**
   * Distance past the goal (higher is better for the attacker).
   *
   * @param candidate reward of the candidate
   * @param original reward of the unattacked response
   * @param reference reward of the reference response, when {@link #needsReference()}
   */
  double margin(double candidate, double original, OptionalDouble reference);

  /** Whether the goal is reached: a strictly positive margin unless a goal says otherwise. */
  default boolean reached(double candidate, double original, OptionalDouble reference) {
    return margin(candidate, original, reference) > 0;
  }

  static void checkBudget(int budget) {
    if (budget < 1) {
      throw new IllegalArgumentException("queryBudget must be >= 1, was " + budget);
    }
  }

  static double ref(OptionalDouble reference, String goal) {
    if (reference.isEmpty()) {
      throw new IllegalStateException(goal + " needs the reference response's reward");
    }
    return reference.getAsDouble();
  }
}
