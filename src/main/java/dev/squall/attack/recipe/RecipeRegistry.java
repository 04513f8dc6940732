package dev.squall.attack.recipe;

import dev.squall.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A set of recipes by unique name, in file order. {@link #builtIn()} holds the recipes shipped on
 * the classpath (the same files as {@code attacks/} at the repository root). Immutable.
 */
public final class RecipeRegistry {
  /** Classpath folder of the built-in recipe files. */
  public static final String RESOURCE_DIR = "dev/squall/attack/recipes/";

  /** The built-in recipe files, in listing order. */
  public static final List<String> BUILT_IN_FILES =
      List.of(
          "01-rewrites.json", "02-noop-appends.json", "03-length-format-style.json", "04-sycophancy.json",
          "05-master-keys.json", "06-injection.json", "07-universal-suffix.json", "08-critique-hijack.json",
          "09-policy-rewrite.json");

  private final Map<String, AttackRecipe> byName;

  private RecipeRegistry(List<AttackRecipe> recipes) {
    Map<String, AttackRecipe> m = new LinkedHashMap<>();
    for (AttackRecipe r : recipes) {
      AttackRecipe prev = m.putIfAbsent(r.name(), r);
      if (prev != null) {
        throw new ConfigException(
            "recipe name '" + r.name() + "' is defined in both " + prev.file() + " and " + r.file());
      }
    }
    this.byName = m;
  }

  public static RecipeRegistry of(List<AttackRecipe> recipes) {
    return new RecipeRegistry(recipes);
  }

  /** The recipes shipped with Squall. */
  public static RecipeRegistry builtIn() {
    List<AttackRecipe> all = new ArrayList<>();
    for (String f : BUILT_IN_FILES) {
      String res = RESOURCE_DIR + f;
      try (InputStream in = RecipeRegistry.class.getClassLoader().getResourceAsStream(res)) {
        if (in == null) {
          throw new IllegalStateException("built-in recipe file missing from the classpath: " + res);
        }
        all.addAll(RecipeLoader.parse("classpath:" + res, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + res, e);
      }
    }
    return new RecipeRegistry(all);
  }

  /** Every {@code *.json} recipe file of {@code dir}, in file-name order (campaign files skipped). */
  public static RecipeRegistry load(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new ConfigException(dir + ": not a directory of recipe files");
    }
    List<AttackRecipe> all = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".json")).filter(p -> !isCampaign(p))
          .sorted().toList()) {
        all.addAll(RecipeLoader.load(p));
      }
    } catch (IOException e) {
      throw new ConfigException(dir + ": cannot list recipe files: " + e.getMessage(), e);
    }
    return new RecipeRegistry(all);
  }

  /**
   * True for a campaign file (a JSON object with an {@code evaluators} field, e.g.
   * attacks/quickstart.json), which shares the attacks/ folder with recipe files and is skipped.
   */
  static boolean isCampaign(Path p) {
    try {
      var n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(p.toFile());
      return n != null && n.isObject() && n.has("evaluators") && !n.has("recipes");
    } catch (IOException e) {
      return false; // let the recipe loader report it
    }
  }

  public List<AttackRecipe> all() {
    return List.copyOf(byName.values());
  }

  public Optional<AttackRecipe> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The recipe called {@code name}; a clear error lists the known names otherwise. */
  public AttackRecipe get(String name) {
    AttackRecipe r = byName.get(name);
    if (r == null) {
      throw new ConfigException("unknown attack '" + name + "'; known: " + String.join(", ", byName.keySet()));
    }
    return r;
  }
}
