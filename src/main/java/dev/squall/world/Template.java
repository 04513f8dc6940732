package dev.squall.world;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A phrasing template with {@code {slot}} placeholders.
 *
 * @param id stable identifier, e.g. {@code arith.prompt.p1}
 * @param text the template text
 */
public record Template(String id, String text) {
  private static final Pattern SLOT = Pattern.compile("\\{([a-z]+)}");

  public Template {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    if (id.isBlank() || text.isBlank()) {
      throw new IllegalArgumentException("template id and text must be non-blank");
    }
  }

  /** Fills every slot from {@code values}; a missing slot value is an error. */
  public String render(Map<String, String> values) {
    Matcher m = SLOT.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String v = values.get(m.group(1));
      if (v == null) {
        throw new IllegalArgumentException("template " + id + " needs slot {" + m.group(1) + "}");
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(v));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** A pattern that finds this template's rendering inside any text (slots match lazily). */
  public Pattern finder() {
    Matcher m = SLOT.matcher(text);
    StringBuilder sb = new StringBuilder();
    int last = 0;
    while (m.find()) {
      sb.append(Pattern.quote(text.substring(last, m.start()))).append(".+?");
      last = m.end();
    }
    sb.append(Pattern.quote(text.substring(last)));
    return Pattern.compile(sb.toString());
  }

  /** Whether a rendering of this template occurs somewhere in {@code s}. */
  public boolean occursIn(String s) {
    return finder().matcher(s).find();
  }
}
