package dev.squall.attack.recipe;

import dev.squall.attack.Attack;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A validated recipe as written in a file. {@link #build} turns it into an {@link Attack};
 * building never fails for a recipe the {@link RecipeLoader} accepted.
 *
 * @param name unique name, e.g. {@code homoglyphs}
 * @param family the attack family
 * @param description one or two sentences
 * @param source where the attack comes from
 * @param transformation the transformation part
 * @param constraints the constraint parts
 * @param goal the goal part (with its query budget)
 * @param search the search part
 * @param file the file it was read from (a classpath name for built-ins)
 */
public record AttackRecipe(
    String name,
    AttackFamily family,
    String description,
    Source source,
    ComponentSpec transformation,
    List<ComponentSpec> constraints,
    ComponentSpec goal,
    ComponentSpec search,
    String file) {
  public AttackRecipe {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(transformation, "transformation");
    constraints = List.copyOf(constraints);
    Objects.requireNonNull(goal, "goal");
    Objects.requireNonNull(search, "search");
    Objects.requireNonNull(file, "file");
  }

  /** The attack this recipe describes, with {@code resources} for vocabulary and policy. */
  public Attack build(AttackResources resources) {
    return new Attack(
        name,
        Components.transformation(transformation, resources),
        constraints.stream().map(Components::constraint).toList(),
        Components.goal(goal),
        Components.search(search));
  }

  /** For {@code describe}: the file this came from as a path, when it was a file. */
  public Path path() {
    return Path.of(file);
  }
}
