package dev.squall.attack;

import dev.squall.attack.goal.Goal;
import java.util.List;
import java.util.Objects;

/**
 * An attack: a transformation, the constraints candidates must meet, a goal (with its query
 * budget) and a search method. Immutable; thread-safe when its parts are.
 */
public record Attack(
    String name,
    Transformation transformation,
    List<Constraint> constraints,
    Goal goal,
    SearchMethod search) {
  public Attack {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(transformation, "transformation");
    constraints = List.copyOf(constraints);
    Objects.requireNonNull(goal, "goal");
    Objects.requireNonNull(search, "search");
  }
}
