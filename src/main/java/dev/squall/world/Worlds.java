package dev.squall.world;

import dev.squall.ConfigException;
import java.util.List;
import java.util.stream.Collectors;

/** The registry of built-in worlds. */
public final class Worlds {
  private Worlds() {}

  /** Every built-in world, in a fixed order. */
  public static List<World> all() {
    return List.of(new ArithmeticWorld(), new ListWorld());
  }

  /**
   * The world called {@code name}.
   *
   * @throws ConfigException naming the allowed names when there is none
   */
  public static World byName(String name) {
    for (World w : all()) {
      if (w.name().equals(name)) {
        return w;
      }
    }
    throw new ConfigException(
        "unknown world '"
            + name
            + "'; allowed: "
            + all().stream().map(World::name).collect(Collectors.joining(", ")));
  }
}
