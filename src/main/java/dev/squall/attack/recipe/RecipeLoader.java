package dev.squall.attack.recipe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.squall.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates recipe files. A file holds one recipe object or {@code {"recipes": [...]}}.
 * Every recipe is fully checked (by building it with default resources), so an accepted recipe
 * always builds. Errors are {@link ConfigException}s naming the file, the field path, the value
 * found and what is allowed. Stateless and thread-safe.
 */
public final class RecipeLoader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  private static final Set<String> FIELDS =
      Set.of("name", "family", "description", "source", "transformation", "constraints", "goal", "search");

  private RecipeLoader() {}

  /** Loads every recipe of {@code file}. */
  public static List<AttackRecipe> load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read recipe file: " + e.getMessage(), e);
    }
    return parse(file.toString(), text);
  }

  /** Parses recipe text; {@code file} names it in errors. */
  public static List<AttackRecipe> parse(String file, String text) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ConfigException(
          file + ": not valid JSON at line " + e.getLocation().getLineNr() + ", column "
              + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new ConfigException(file + ": found " + (root == null ? "nothing" : root.getNodeType().toString().toLowerCase(Locale.ROOT)) + "; allowed: a recipe object or {\"recipes\": [...]}");
    }
    List<AttackRecipe> out = new ArrayList<>();
    if (root.has("recipes")) {
      JsonNode arr = root.get("recipes");
      if (!arr.isArray() || arr.isEmpty()) {
        throw new ConfigException(file + ": recipes: found " + arr + "; allowed: a non-empty array of recipe objects");
      }
      Iterator<String> it = root.fieldNames();
      while (it.hasNext()) {
        String f = it.next();
        if (!f.equals("recipes") && !f.equals("comment")) {
          throw new ConfigException(file + ": " + f + ": unknown top-level field; allowed: recipes, comment");
        }
      }
      for (int i = 0; i < arr.size(); i++) {
        out.add(recipe(file, "recipes[" + i + "]", arr.get(i)));
      }
    } else {
      out.add(recipe(file, "recipe", root));
    }
    for (int i = 0; i < out.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (out.get(i).name().equals(out.get(j).name())) {
          throw new ConfigException(file + ": recipe name '" + out.get(i).name() + "' appears twice");
        }
      }
    }
    return out;
  }

  private static AttackRecipe recipe(String file, String at, JsonNode n) {
    String w = file + ": " + at;
    if (!n.isObject()) {
      throw new ConfigException(w + ": found " + n + "; allowed: a recipe object");
    }
    Iterator<String> it = n.fieldNames();
    while (it.hasNext()) {
      String f = it.next();
      if (!FIELDS.contains(f)) {
        throw new ConfigException(w + "." + f + ": unknown field; allowed: " + String.join(", ", FIELDS.stream().sorted().toList()));
      }
    }
    String name = text(n, w, "name");
    if (!NAME.matcher(name).matches()) {
      throw new ConfigException(w + ".name: found \"" + name + "\"; allowed: 1-64 of a-z 0-9 _ - starting with a letter or digit");
    }
    String fam = text(n, w, "family");
    AttackFamily family =
        Arrays.stream(AttackFamily.values()).filter(f -> f.id().equals(fam)).findFirst()
            .orElseThrow(() -> new ConfigException(
                w + ".family: found \"" + fam + "\"; allowed: "
                    + String.join(", ", Arrays.stream(AttackFamily.values()).map(AttackFamily::id).toList())));
    String description = text(n, w, "description");
    Source source = source(n.get("source"), w + ".source");
    ComponentSpec t = spec(n.get("transformation"), w + ".transformation");
    List<ComponentSpec> cs = new ArrayList<>();
    JsonNode carr = n.get("constraints");
    if (carr != null) {
      if (!carr.isArray()) {
        throw new ConfigException(w + ".constraints: found " + carr + "; allowed: an array of constraint objects");
      }
      for (int i = 0; i < carr.size(); i++) {
        cs.add(spec(carr.get(i), w + ".constraints[" + i + "]"));
      }
    }
    ComponentSpec goal = spec(n.get("goal"), w + ".goal");
    ComponentSpec search = spec(n.get("search"), w + ".search");
    AttackRecipe r = new AttackRecipe(name, family, description, source, t, cs, goal, search, file);
    r.build(AttackResources.defaults()); // validates every part; throws ConfigException naming the field
    return r;
  }

  private static String text(JsonNode n, String w, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new ConfigException(w + "." + field + ": found " + (v == null ? "nothing" : v.toString()) + "; allowed: a non-empty string (required)");
    }
    return v.asText();
  }

  private static Source source(JsonNode n, String w) {
    if (n == null || !n.isObject()) {
      throw new ConfigException(w + ": found " + (n == null ? "nothing" : n.toString()) + "; allowed: {\"title\", \"first_author\", \"year\", \"note\"?} (required)");
    }
    String title = text(n, w, "title");
    String author = text(n, w, "first_author");
    JsonNode y = n.get("year");
    if (y == null || !y.isIntegralNumber() || y.asInt() < 1900 || y.asInt() > 2100) {
      throw new ConfigException(w + ".year: found " + (y == null ? "nothing" : y.toString()) + "; allowed: an integer year in [1900, 2100] (required)");
    }
    JsonNode note = n.get("note");
    if (note != null && !note.isTextual()) {
      throw new ConfigException(w + ".note: found " + note + "; allowed: a string");
    }
    Iterator<String> it = n.fieldNames();
    while (it.hasNext()) {
      String f = it.next();
      if (!Set.of("title", "first_author", "year", "note").contains(f)) {
        throw new ConfigException(w + "." + f + ": unknown field; allowed: title, first_author, year, note");
      }
    }
    return new Source(title, author, y.asInt(), note == null ? "" : note.asText());
  }

  private static ComponentSpec spec(JsonNode n, String w) {
    if (n == null || !n.isObject()) {
      throw new ConfigException(w + ": found " + (n == null ? "nothing" : n.toString()) + "; allowed: an object with a \"type\" (required)");
    }
    JsonNode type = n.get("type");
    if (type == null || !type.isTextual()) {
      throw new ConfigException(w + ".type: found " + (type == null ? "nothing" : type.toString()) + "; allowed: a string naming the component type");
    }
    return new ComponentSpec(type.asText(), (ObjectNode) n, w);
  }
}
