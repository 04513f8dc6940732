package dev.squall.attack.transform;

import dev.squall.attack.AttackContext;
import dev.squall.attack.AttackedText;
import dev.squall.attack.WordTransformation;
import java.util.ArrayList;
import java.util.List;

/**
 * Changes letter case (reWordBench "casing"): whole text upper / lower, or one word upper, lower
 * or capitalised. Case is mapped char by char, so the length and every non-letter are kept.
 * Stateless.
 */
public record Casing() implements WordTransformation {
  @Override
  public String name() {
    return "casing";
  }

  static String map(String s, int mode) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      sb.append(
          switch (mode) {
            case 0 -> Character.toUpperCase(c);
            case 1 -> Character.toLowerCase(c);
            default -> i == 0 ? Character.toUpperCase(c) : Character.toLowerCase(c);
          });
    }
    return sb.toString();
  }

  @Override
  public List<AttackedText> atWord(AttackedText text, int wordIndex, AttackContext ctx, long seed) {
    AttackedText.Span sp = text.words().get(wordIndex);
    String w = text.text().substring(sp.start(), sp.end());
    List<AttackedText> out = new ArrayList<>();
    for (int mode : Shuffle.of(List.of(0, 1, 2), seed)) {
      String m = map(w, mode);
      if (!m.equals(w)) {
        out.add(text.replace(name(), sp.start(), sp.end(), m));
      }
    }
    return out;
  }

  @Override
  public List<AttackedText> transform(AttackedText text, AttackContext ctx, int n, long seed) {
    List<AttackedText> out = new ArrayList<>();
    for (int mode : List.of(0, 1)) {
      AttackedText t = text.rewrite(name(), map(text.text(), mode));
      if (!t.unchanged() && !t.text().equals(text.text()) && out.size() < n) {
        out.add(t);
      }
    }
    for (AttackedText t : WordTransformation.super.transform(text, ctx, n - out.size(), seed)) {
      if (out.stream().noneMatch(o -> o.text().equals(t.text()))) {
        out.add(t);
      }
    }
    return out;
  }
}
