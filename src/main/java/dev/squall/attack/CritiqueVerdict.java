package dev.squall.attack;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the verdict a critique states, in the worlds' oracle-critique form: the last {@code
 * "Verdict: correct"} or {@code "Verdict: incorrect"} in the text.
 */
public final class CritiqueVerdict {
  private static final Pattern VERDICT =
      Pattern.compile("verdict\\s*:\\s*(correct|incorrect|wrong|right)", Pattern.CASE_INSENSITIVE);

  private CritiqueVerdict() {}

  /** True for correct, false for incorrect, empty when no verdict is stated. */
  public static Optional<Boolean> parse(String critique) {
    Matcher m = VERDICT.matcher(critique);
    String last = null;
    while (m.find()) {
      last = m.group(1).toLowerCase(Locale.ROOT);
    }
    if (last == null) {
      return Optional.empty();
    }
    return Optional.of(last.equals("correct") || last.equals("right"));
  }
}
