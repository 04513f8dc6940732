package dev.squall.remote;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Robust parsing of LLM-judge answers. Scores, in order of preference: {@code Score: 7} / {@code
 * Rating = 7.5} (the last such), {@code [[8]]}, {@code 7/10} or {@code 7 out of 10}, a bold {@code
 * **8**}, an answer that is only a number. Values outside {@code [min, max]} are rejected. Pairwise
 * verdicts: {@code [[A]]}, {@code Winner: B}, {@code Response A is better}, or an answer that is
 * only {@code A} or {@code B}. Stateless.
 */
public final class JudgeParsing {
  private JudgeParsing() {}

  private static final String NUM = "(\\d+(?:\\.\\d+)?)";
  private static final Pattern[] SCORE = {
    Pattern.compile("(?i)(?:score|rating|grade)\\s*(?:is|of)?\\s*[:=]?\\s*\\**\\s*" + NUM),
    Pattern.compile("\\[\\[\\s*" + NUM + "\\s*\\]\\]"),
    Pattern.compile("(?i)" + NUM + "\\s*(?:/|out of)\\s*10\\b"),
    Pattern.compile("\\*\\*\\s*" + NUM + "\\s*\\*\\*"),
    Pattern.compile("^\\s*" + NUM + "\\s*\\.?\\s*$"),
  };

  private static final Pattern[] VERDICT = {
    Pattern.compile("\\[\\[\\s*([AB])\\s*\\]\\]"),
    Pattern.compile("(?i)(?:winner|verdict|better response|answer|choice)\\s*(?:is)?\\s*[:=]?\\s*\\**\\s*(?:response|assistant)?\\s*\\(?([AB])\\b"),
    Pattern.compile("(?i)(?:response|assistant)\\s+\\(?([AB])\\)?\\s+is\\s+(?:better|preferred|superior)"),
    Pattern.compile("^\\s*\\**\\(?([AB])\\)?\\**\\s*\\.?\\s*$"),
  };

  /** The score in {@code answer}, or empty when none is found in {@code [min, max]}. */
  public static OptionalDouble score(String answer, double min, double max) {
    for (Pattern p : SCORE) {
      Matcher m = p.matcher(answer);
      String last = null;
      while (m.find()) {
        last = m.group(1);
      }
      if (last != null) {
        double v = Double.parseDouble(last);
        return v >= min && v <= max ? OptionalDouble.of(v) : OptionalDouble.empty();
      }
    }
    return OptionalDouble.empty();
  }

  /** {@code "A"} or {@code "B"}, or empty when the answer names neither clearly. */
  public static Optional<String> verdict(String answer) {
    for (Pattern p : VERDICT) {
      Matcher m = p.matcher(answer);
      String last = null;
      while (m.find()) {
        last = m.group(1);
      }
      if (last != null) {
        return Optional.of(last.toUpperCase(java.util.Locale.ROOT));
      }
    }
    return Optional.empty();
  }
}
