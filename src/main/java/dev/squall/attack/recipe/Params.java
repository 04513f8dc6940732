package dev.squall.attack.recipe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.squall.ConfigException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Reads a component's parameters, with errors naming file, field, value found and what is allowed. */
final class Params {
  private final ComponentSpec spec;
  private final Set<String> used = new HashSet<>(Set.of("type"));

  Params(ComponentSpec spec) {
    this.spec = spec;
  }

  ConfigException error(String field, JsonNode found, String allowed) {
    return new ConfigException(
        spec.where() + "." + field + ": found " + (found == null || found.isMissingNode() ? "nothing" : found.toString())
            + "; allowed: " + allowed);
  }

  private JsonNode get(String field) {
    used.add(field);
    return spec.params().get(field);
  }

  int integer(String field, int def, int min, int max) {
    JsonNode n = get(field);
    if (n == null) {
      return def;
    }
    if (!n.isIntegralNumber() || n.asLong() < min || n.asLong() > max) {
      throw error(field, n, "an integer in [" + min + ", " + max + "]");
    }
    return n.asInt();
  }

  int requiredInt(String field, int min, int max) {
    if (spec.params().get(field) == null) {
      throw error(field, null, "an integer in [" + min + ", " + max + "] (required)");
    }
    return integer(field, 0, min, max);
  }

  double number(String field, double def, double min, double max) {
    JsonNode n = get(field);
    if (n == null) {
      return def;
    }
    if (!n.isNumber() || n.asDouble() < min || n.asDouble() > max) {
      throw error(field, n, "a number in [" + min + ", " + max + "]");
    }
    return n.asDouble();
  }

  boolean has(String field) {
    return spec.params().has(field);
  }

  boolean bool(String field, boolean def) {
    JsonNode n = get(field);
    if (n == null) {
      return def;
    }
    if (!n.isBoolean()) {
      throw error(field, n, "true or false");
    }
    return n.asBoolean();
  }

  String string(String field, String def) {
    JsonNode n = get(field);
    if (n == null) {
      return def;
    }
    if (!n.isTextual()) {
      throw error(field, n, "a string");
    }
    return n.asText();
  }

  List<String> strings(String field) {
    JsonNode n = get(field);
    if (n == null || !n.isArray() || n.isEmpty()) {
      throw error(field, n, "a non-empty array of strings (required)");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : n) {
      if (!e.isTextual()) {
        throw error(field, n, "a non-empty array of strings");
      }
      out.add(e.asText());
    }
    return out;
  }

  String choice(String field, String def, List<String> allowed) {
    String v = string(field, def);
    if (!allowed.contains(v)) {
      throw error(field, spec.params().get(field), String.join(", ", allowed));
    }
    return v;
  }

  /** Fails on any field that was not read. Call after reading every parameter. */
  void done(List<String> known) {
    Iterator<String> it = spec.params().fieldNames();
    while (it.hasNext()) {
      String f = it.next();
      if (!used.contains(f)) {
        throw new ConfigException(
            spec.where() + "." + f + ": unknown field for type '" + spec.type() + "'; allowed: "
                + (known.isEmpty() ? "(no parameters)" : String.join(", ", known)));
      }
    }
  }
}
