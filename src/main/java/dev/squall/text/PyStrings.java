package dev.squall.text;

import java.util.ArrayList;
import java.util.List;

/** Python {@code str} semantics that chat templates rely on. Stateless; thread-safe. */
final class PyStrings {
  private PyStrings() {}

  /** Python's {@code str.isspace()} for one code point. */
  static boolean isSpace(int c) {
    return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0
        || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029
        || c == 0x202F || c == 0x205F || c == 0x3000;
  }

  private static boolean strips(int c, String chars) {
    return chars == null ? isSpace(c) : chars.indexOf(c) >= 0;
  }

  /** Python {@code s.strip(chars)}; {@code chars == null} strips whitespace. */
  static String strip(String s, String chars) {
    return rstrip(lstrip(s, chars), chars);
  }

  static String lstrip(String s, String chars) {
    int i = 0;
    while (i < s.length()) {
      int c = s.codePointAt(i);
      if (!strips(c, chars)) {
        break;
      }
      i += Character.charCount(c);
    }
    return s.substring(i);
  }

  static String rstrip(String s, String chars) {
    int j = s.length();
    while (j > 0) {
      int c = s.codePointBefore(j);
      if (!strips(c, chars)) {
        break;
      }
      j -= Character.charCount(c);
    }
    return s.substring(0, j);
  }

  /** Python {@code s.split(sep, maxsplit)}; {@code sep == null} splits on whitespace runs. */
  static List<String> split(String s, String sep, int maxsplit) {
    List<String> out = new ArrayList<>();
    if (sep == null) {
      int i = 0;
      int n = s.length();
      while (true) {
        while (i < n && isSpace(s.codePointAt(i))) {
          i += Character.charCount(s.codePointAt(i));
        }
        if (i >= n) {
          return out;
        }
        if (maxsplit >= 0 && out.size() == maxsplit) {
          out.add(rstrip(s.substring(i), null));
          return out;
        }
        int j = i;
        while (j < n && !isSpace(s.codePointAt(j))) {
          j += Character.charCount(s.codePointAt(j));
        }
        out.add(s.substring(i, j));
        i = j;
      }
    }
    if (sep.isEmpty()) {
      throw new IllegalArgumentException("empty separator");
    }
    int from = 0;
    while (maxsplit < 0 || out.size() < maxsplit) {
      int k = s.indexOf(sep, from);
      if (k < 0) {
        break;
      }
      out.add(s.substring(from, k));
      from = k + sep.length();
    }
    out.add(s.substring(from));
    return out;
  }
}
