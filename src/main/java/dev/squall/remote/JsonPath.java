package dev.squall.remote;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny JSON path: {@code $.data[0].score}, {@code [0].score}, {@code 0.score} or {@code
 * reward}. Segments are object keys or array indexes; {@code $} is optional. Immutable.
 */
public final class JsonPath {
  private final String source;
  private final List<Object> steps;

  private JsonPath(String source, List<Object> steps) {
    this.source = source;
    this.steps = steps;
  }

  /** @throws IllegalArgumentException naming the path when it is empty or malformed */
  public static JsonPath parse(String path) {
    String p = path.strip();
    if (p.startsWith("$")) {
      p = p.substring(1);
    }
    List<Object> steps = new ArrayList<>();
    for (String part : p.replace("[", ".").replace("]", "").split("\\.")) {
      if (part.isEmpty()) {
        continue;
      }
      steps.add(part.chars().allMatch(Character::isDigit) ? (Object) Integer.parseInt(part) : part);
    }
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("response path '" + path + "' selects nothing");
    }
    return new JsonPath(path, List.copyOf(steps));
  }

  /** The node at this path. @throws IllegalArgumentException when a step is missing */
  public JsonNode select(JsonNode root) {
    JsonNode n = root;
    for (Object s : steps) {
      JsonNode next = s instanceof Integer i ? (n.isArray() ? n.get(i) : n.get(String.valueOf(i))) : n.get((String) s);
      if (next == null) {
        throw new IllegalArgumentException("response has nothing at '" + source + "' (missing '" + s + "')");
      }
      n = next;
    }
    return n;
  }

  /** The number at this path. */
  public double number(JsonNode root) {
    JsonNode n = select(root);
    if (!n.isNumber()) {
      throw new IllegalArgumentException("response value at '" + source + "' is not a number");
    }
    return n.asDouble();
  }

  @Override
  public String toString() {
    return source;
  }
}
