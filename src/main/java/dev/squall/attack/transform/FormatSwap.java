package dev.squall.attack.transform;

import dev.squall.attack.AttackContext;
import dev.squall.attack.AttackedText;
import dev.squall.attack.Transformation;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Swaps answer formats (reWordBench "\boxed{} ↔ # Answer"): wraps the last integer in {@code
 * \boxed{}}, turns a {@code \boxed{N}} into a {@code # Answer} section, appends a {@code # Answer}
 * section repeating the last integer, or bolds the whole response when it states no integer.
 * Stateless.
 */
public record FormatSwap() implements Transformation {
  private static final Pattern INT = Pattern.compile("\\d+");
  private static final Pattern BOXED = Pattern.compile("\\\\boxed\\{(\\d+)}");

  @Override
  public String name() {
    return "format_swap";
  }

  @Override
  public List<AttackedText> transform(AttackedText text, AttackContext ctx, int n, long seed) {
    String s = text.text();
    List<AttackedText> out = new ArrayList<>();
    Matcher b = BOXED.matcher(s);
    if (b.find()) {
      out.add(text.replace(name(), b.start(), b.end(), "\n\n# Answer\n\n" + b.group(1)));
    }
    Matcher m = INT.matcher(s);
    int start = -1;
    int end = -1;
    while (m.find()) {
      start = m.start();
      end = m.end();
    }
    if (start >= 0 && out.isEmpty()) {
      out.add(text.replace(name(), start, end, "\\boxed{" + s.substring(start, end) + "}"));
      out.add(text.append(name(), "\n\n# Answer\n\n" + s.substring(start, end)));
    }
    if (start < 0) {
      out.add(text.prepend(name(), "**").append(name(), "**"));
    }
    return Shuffle.first(Shuffle.of(out, seed), n);
  }
}
