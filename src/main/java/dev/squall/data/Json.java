package dev.squall.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** JSON field access that reports problems as {@link BadField}s. */
final class Json {
  private final ObjectMapper mapper = new ObjectMapper();

  JsonNode object(String line) {
    JsonNode n;
    try {
      n = mapper.readTree(line);
    } catch (JsonProcessingException e) {
      throw new BadField("(json)", "malformed JSON: " + e.getOriginalMessage());
    }
    if (n == null || !n.isObject()) {
      throw new BadField("(json)", "expected a JSON object");
    }
    return n;
  }

  static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new BadField(field, "missing");
    }
    if (!v.isTextual()) {
      throw new BadField(field, "must be a string, was " + v.getNodeType().name().toLowerCase());
    }
    return v.asText();
  }

  /** A string or integer id; {@code fallback} when the field is absent. */
  static String id(JsonNode n, String field, String fallback) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (v.isTextual() || v.isIntegralNumber()) {
      return v.asText();
    }
    throw new BadField(field, "must be a string or integer");
  }

  static String optionalText(JsonNode n, String field, String fallback) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? fallback : text(n, field);
  }

  /** A list of strings, of exactly {@code size} items when {@code size} ≥ 0, else non-empty. */
  static List<String> texts(JsonNode n, String field, int size) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new BadField(field, "missing");
    }
    if (!v.isArray()) {
      throw new BadField(field, "must be a list of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : v) {
      if (!e.isTextual()) {
        throw new BadField(field, "must contain only strings");
      }
      out.add(e.asText());
    }
    if (size >= 0 && out.size() != size) {
      throw new BadField(field, "must have " + size + " items, had " + out.size());
    }
    if (out.isEmpty()) {
      throw new BadField(field, "must not be empty");
    }
    return out;
  }
}
