package dev.squall.attack.transform;

import dev.squall.attack.AttackContext;
import dev.squall.attack.AttackedText;
import dev.squall.attack.WordTransformation;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Character noise in alphabetic words of four or more letters (reWordBench "character noise"):
 * swap two inner neighbours, drop an inner letter, or double one. The first and last letters and
 * every non-letter are kept. Stateless.
 */
public record CharNoise() implements WordTransformation {
  @Override
  public String name() {
    return "char_noise";
  }

  @Override
  public List<AttackedText> atWord(AttackedText text, int wordIndex, AttackContext ctx, long seed) {
    AttackedText.Span sp = text.words().get(wordIndex);
    String w = text.text().substring(sp.start(), sp.end());
    int a = 0;
    while (a < w.length() && !Character.isLetter(w.charAt(a))) {
      a++;
    }
    int b = a;
    while (b < w.length() && Character.isLetter(w.charAt(b))) {
      b++;
    }
    if (b - a < 4) {
      return List.of();
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    int i = a + 1 + rnd.nextInt(b - a - 3); // inner position with an inner right neighbour
    int base = sp.start();
    List<AttackedText> out = new ArrayList<>();
    if (w.charAt(i) != w.charAt(i + 1)) {
      out.add(text.replace(name(), base + i, base + i + 2, "" + w.charAt(i + 1) + w.charAt(i)));
    }
    out.add(text.replace(name(), base + i, base + i + 1, ""));
    out.add(text.insert(name(), base + i, String.valueOf(w.charAt(i))));
    return out;
  }
}
