package dev.squall.report;

/** Context-specific escaping for the report. */
public final class Html {
  private Html() {}

  /** Escapes text for HTML element content and for quoted attribute values. */
  public static String text(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        case '\u0000' -> b.append('\uFFFD');
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * Makes JSON text safe inside {@code <script type="application/json">}: {@code <}, {@code >},
   * {@code &}, U+2028 and U+2029 become \\u escapes (they can only occur inside JSON strings, where
   * the escape means the same character), so {@code </script>} or {@code <!--} cannot appear.
   */
  public static String scriptJson(String json) {
    StringBuilder b = new StringBuilder(json.length() + 64);
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      switch (c) {
        case '<' -> b.append("\\u003c");
        case '>' -> b.append("\\u003e");
        case '&' -> b.append("\\u0026");
        case '\u2028' -> b.append("\\u2028");
        case '\u2029' -> b.append("\\u2029");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
