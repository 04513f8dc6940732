package dev.squall.attack.transform;

import dev.squall.attack.AttackContext;
import dev.squall.attack.AttackedText;
import dev.squall.attack.Transformation;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Changes spacing around sentence punctuation (reWordBench "punctuation spacing"): a space before
 * each mark, a doubled space after it, or both. Marks inside numbers (3.5) are left alone; only
 * whitespace changes. Stateless.
 */
public record PunctuationSpacing() implements Transformation {
  private static final Pattern MARK = Pattern.compile("(?<=[^\\s\\d])([,.!?;:])(?=\\s|$)");

  @Override
  public String name() {
    return "punctuation_spacing";
  }

  @Override
  public List<AttackedText> transform(AttackedText text, AttackContext ctx, int n, long seed) {
    List<AttackedText> out = new ArrayList<>();
    for (int variant : Shuffle.first(Shuffle.of(List.of(0, 1, 2), seed), n)) {
      AttackedText t = text;
      Matcher m = MARK.matcher(text.text());
      List<Integer> at = new ArrayList<>();
      while (m.find()) {
        at.add(m.start());
      }
      for (int i = at.size() - 1; i >= 0; i--) {
        int p = at.get(i);
        t =
            switch (variant) {
              case 0 -> t.insert(name(), p, " ");
              case 1 -> t.insert(name(), p + 1, " ");
              default -> t.insert(name(), p + 1, " ").insert(name(), p, " ");
            };
      }
      if (!t.text().equals(text.text())) {
        out.add(t);
      }
    }
    return out;
  }
}
