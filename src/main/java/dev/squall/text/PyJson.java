package dev.squall.text;

import java.util.Collection;
import java.util.Map;

/**
 * Python's {@code json.dumps(value, ensure_ascii=False, indent=indent)}, which is what Hugging
 * Face's {@code tojson} template filter calls. Stateless; thread-safe.
 */
final class PyJson {
  private PyJson() {}

  /** Serialises like {@code json.dumps}; {@code indent < 0} means {@code indent=None}. */
  static String dumps(Object value, int indent) {
    StringBuilder sb = new StringBuilder();
    write(sb, value, indent, 0);
    return sb.toString();
  }

  private static void newline(StringBuilder sb, int indent, int depth) {
    sb.append('\n');
    sb.append(" ".repeat(indent * depth));
  }

  private static void write(StringBuilder sb, Object v, int indent, int depth) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof Boolean b) {
      sb.append(b ? "true" : "false");
    } else if (v instanceof Integer || v instanceof Long || v instanceof Short
        || v instanceof Byte || v instanceof java.math.BigInteger) {
      sb.append(v);
    } else if (v instanceof Number n) {
      double d = n.doubleValue();
      if (Double.isNaN(d)) {
        sb.append("NaN");
      } else if (Double.isInfinite(d)) {
        sb.append(d > 0 ? "Infinity" : "-Infinity");
      } else {
        sb.append(Double.toString(d).replace("E", "e"));
      }
    } else if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        sb.append("{}");
        return;
      }
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) {
          sb.append(indent >= 0 ? "," : ", ");
        }
        first = false;
        if (indent >= 0) {
          newline(sb, indent, depth + 1);
        }
        string(sb, String.valueOf(e.getKey()));
        sb.append(": ");
        write(sb, e.getValue(), indent, depth + 1);
      }
      if (indent >= 0) {
        newline(sb, indent, depth);
      }
      sb.append('}');
    } else if (v instanceof Collection<?> || v instanceof Object[]) {
      Iterable<?> items =
          v instanceof Object[] arr ? java.util.Arrays.asList(arr) : (Collection<?>) v;
      if (!items.iterator().hasNext()) {
        sb.append("[]");
        return;
      }
      sb.append('[');
      boolean first = true;
      for (Object item : items) {
        if (!first) {
          sb.append(indent >= 0 ? "," : ", ");
        }
        first = false;
        if (indent >= 0) {
          newline(sb, indent, depth + 1);
        }
        write(sb, item, indent, depth + 1);
      }
      if (indent >= 0) {
        newline(sb, indent, depth);
      }
      sb.append(']');
    } else {
      string(sb, v.toString());
    }
  }

  private static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
