package dev.squall.world;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the stated answer from arbitrary response text; the rule is {@link #RULE}. */
final class ArithmeticAnswers {
  static final String RULE =
      "Arithmetic answer parsing: (1) the prompt's operands are its first two integers; the"
          + " operation is the one named between them ('+'/'plus' or '-'/'minus'), else the one"
          + " named anywhere ('difference' means subtraction, 'sum' addition). (2) Worked steps are"
          + " deleted from the response first: every equation whose left-hand numbers all have at"
          + " most two digits (e.g. '7+8=15', '17-8-1=8'), together with a following ', write N'"
          + " and ' carry N' / ' borrow N'. Operands always have three or more digits, so a step is"
          + " never the answer. (3) If an '=' followed by an integer remains, the answer is the"
          + " integer after the LAST such '='. (4) Otherwise it is the LAST integer in the text"
          + " that differs from both operands. Integers are runs of ASCII digits (no sign, no"
          + " thousands separator), compared without leading zeros. (5) No such integer:"
          + " parsed=false, which is judged incorrect. Spurious-feature phrases contain no digits,"
          + " so they never change the parse.";

  private static final Pattern STEP =
      Pattern.compile(
          "(?<!\\d)\\d{1,2}(?!\\d)(?:\\s*[-+]\\s*\\d{1,2}(?!\\d))+\\s*=\\s*\\d+"
              + "(?:\\s*,\\s*write\\s+\\d+(?:\\s+(?:carry|borrow)\\s+\\d+)?)?");
  private static final Pattern AFTER_EQUALS = Pattern.compile("=\\s*(\\d+)");
  private static final Pattern INTEGER = Pattern.compile("\\d+");

  private ArithmeticAnswers() {}

  /** The stated answer (without leading zeros), or empty if the text states none. */
  static Optional<String> parse(String response, ArithmeticProblem problem) {
    String text = STEP.matcher(response).replaceAll(" ");
    Matcher eq = AFTER_EQUALS.matcher(text);
    String found = null;
    while (eq.find()) {
      found = eq.group(1);
    }
    if (found != null) {
      return Optional.of(normalise(found));
    }
    String a = Long.toString(problem.a());
    String b = Long.toString(problem.b());
    Matcher m = INTEGER.matcher(text);
    while (m.find()) {
      String n = normalise(m.group());
      if (!n.equals(a) && !n.equals(b)) {
        found = n;
      }
    }
    return Optional.ofNullable(found);
  }

  static String normalise(String digits) {
    int i = 0;
    while (i < digits.length() - 1 && digits.charAt(i) == '0') {
      i++;
    }
    return digits.substring(i);
  }
}
