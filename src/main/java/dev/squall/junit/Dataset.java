package dev.squall.junit;

import dev.squall.world.PreferencePair;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Objects;

/**
 * A named list of preference pairs to assert on, with the seed that generated it (also the
 * default seed of the assertions run on it). Immutable.
 *
 * @param name shown in failure messages, e.g. {@code arithmetic/test}
 * @param pairs the pairs, in a fixed order (at least one)
 * @param seed the generation seed (0 for hand-made datasets)
 */
public record Dataset(String name, List<PreferencePair> pairs, long seed) {
  public Dataset {
    Objects.requireNonNull(name, "name");
    pairs = List.copyOf(pairs);
    if (pairs.isEmpty()) {
      throw new IllegalArgumentException("dataset '" + name + "' has no pairs");
    }
  }

  /** Number of pairs. */
  public int size() {
    return pairs.size();
  }

  /** The first {@code n} pairs (all when {@code n >= size()}). */
  public Dataset first(int n) {
    return n >= pairs.size() ? this : new Dataset(name, pairs.subList(0, n), seed);
  }

  /**
   * Injects a generated world dataset into a test parameter of type {@link Dataset} (with {@link
   * SquallExtension}): {@code @Dataset.Of(world = "arithmetic", split = "test", size = 200) Dataset
   * d}. Nested because the value type already owns the name {@code Dataset}.
   */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.PARAMETER)
  public @interface Of {
    /** A world name of {@code Worlds.byName}, e.g. {@code arithmetic} or {@code lists}. */
    String world();

    /** A split id of {@code Split.fromId}: train, test, ood_harder, ood_phrasing, ood_reversed. */
    String split() default "test";

    /** Number of pairs, at least 1. */
    int size() default 200;

    /** Generation seed (also the assertions' default seed). */
    long seed() default 7;
  }
}
