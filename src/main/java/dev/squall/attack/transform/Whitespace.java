package dev.squall.attack.transform;

import dev.squall.attack.AttackContext;
import dev.squall.attack.AttackedText;
import dev.squall.attack.WordTransformation;
import java.util.ArrayList;
import java.util.List;

/**
 * Changes whitespace only (reWordBench "whitespace"): the gap after a word becomes a double
 * space, a newline, a tab or a blank line; the words are kept. Stateless.
 */
public record Whitespace() implements WordTransformation {
  static final List<String> GAPS = List.of("  ", "\n", "\t", "\n\n", "   ");

  @Override
  public String name() {
    return "whitespace";
  }

  @Override
  public List<AttackedText> atWord(AttackedText text, int wordIndex, AttackContext ctx, long seed) {
    List<AttackedText.Span> words = text.words();
    AttackedText.Span sp = words.get(wordIndex);
    int gapEnd = wordIndex + 1 < words.size() ? words.get(wordIndex + 1).start() : text.text().length();
    List<AttackedText> out = new ArrayList<>();
    for (String g : Shuffle.first(Shuffle.of(GAPS, seed), 2)) {
      AttackedText t = text.replace(name(), sp.end(), gapEnd, g);
      if (!t.text().equals(text.text())) {
        out.add(t);
      }
    }
    return out;
  }
}
