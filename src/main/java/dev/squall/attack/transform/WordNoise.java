package dev.squall.attack.transform;

import dev.squall.attack.AttackContext;
import dev.squall.attack.AttackedText;
import dev.squall.attack.WordTransformation;
import java.util.ArrayList;
import java.util.List;

/**
 * Word noise (reWordBench "word noise"): inserts a filler word after a word. Removing the fillers
 * gives back the original words. Stateless.
 */
public record WordNoise() implements WordTransformation {
  public static final List<String> FILLERS = List.of("um", "uh", "like", "basically", "actually", "well");

  @Override
  public String name() {
    return "word_noise";
  }

  @Override
  public List<AttackedText> atWord(AttackedText text, int wordIndex, AttackContext ctx, long seed) {
    AttackedText.Span sp = text.words().get(wordIndex);
    List<AttackedText> out = new ArrayList<>();
    for (String f : Shuffle.first(Shuffle.of(FILLERS, seed), 2)) {
      out.add(text.insert(name(), sp.end(), " " + f));
    }
    return out;
  }
}
