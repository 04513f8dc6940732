package dev.squall.world;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Length proxies for sequences, used in dataset cards: characters, whitespace-separated words, and
 * a token estimate for Squall's tiny tokenizer (every digit, every run of letters and every other
 * non-space character counts as one token).
 */
public final class TextLength {
  private static final Pattern TOKEN = Pattern.compile("\\d|\\p{L}+|[^\\s\\p{L}\\d]");

  private TextLength() {}

  /** Number of characters. */
  public static int chars(String s) {
    return s.length();
  }

  /** Number of whitespace-separated words. */
  public static int words(String s) {
    String t = s.strip();
    return t.isEmpty() ? 0 : t.split("\\s+").length;
  }

  /** Token estimate: digits, letter runs and other symbols each count one. */
  public static int tokenEstimate(String s) {
    Matcher m = TOKEN.matcher(s);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
