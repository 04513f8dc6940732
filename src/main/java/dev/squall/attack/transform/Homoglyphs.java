package dev.squall.attack.transform;

import dev.squall.attack.AttackContext;
import dev.squall.attack.AttackedText;
import dev.squall.attack.WordTransformation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Replaces Latin letters by look-alike Cyrillic ones (reWordBench "homoglyphs"): the code points
 * change, the visible skeleton ({@link #skeleton}) does not. Digits are never touched. Stateless.
 */
public record Homoglyphs() implements WordTransformation {
  static final Map<Character, Character> MAP =
      Map.ofEntries(
          Map.entry('a', 'а'), Map.entry('c', 'с'), Map.entry('e', 'е'), Map.entry('i', 'і'),
          Map.entry('j', 'ј'), Map.entry('o', 'о'), Map.entry('p', 'р'), Map.entry('s', 'ѕ'),
          Map.entry('x', 'х'), Map.entry('y', 'у'), Map.entry('A', 'А'), Map.entry('B', 'В'),
          Map.entry('C', 'С'), Map.entry('E', 'Е'), Map.entry('H', 'Н'), Map.entry('I', 'І'),
          Map.entry('K', 'К'), Map.entry('M', 'М'), Map.entry('O', 'О'), Map.entry('P', 'Р'),
          Map.entry('T', 'Т'), Map.entry('X', 'Х'));

  @Override
  public String name() {
    return "homoglyphs";
  }

  /** Maps look-alikes back to Latin: equal skeletons look the same. */
  public static String skeleton(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    outer:
    for (char c : s.toCharArray()) {
      for (var e : MAP.entrySet()) {
        if (e.getValue() == c) {
          sb.append(e.getKey());
          continue outer;
        }
      }
      sb.append(c);
    }
    return sb.toString();
  }

  @Override
  public List<AttackedText> atWord(AttackedText text, int wordIndex, AttackContext ctx, long seed) {
    AttackedText.Span sp = text.words().get(wordIndex);
    String w = text.text().substring(sp.start(), sp.end());
    List<Integer> eligible = new ArrayList<>();
    for (int i = 0; i < w.length(); i++) {
      if (MAP.containsKey(w.charAt(i))) {
        eligible.add(i);
      }
    }
    if (eligible.isEmpty()) {
      return List.of();
    }
    List<AttackedText> out = new ArrayList<>();
    // each single letter (in a seeded order), then every letter at once
    for (int one : Shuffle.of(eligible, seed)) {
      out.add(text.replace(name(), sp.start() + one, sp.start() + one + 1, String.valueOf(MAP.get(w.charAt(one)))));
    }
    if (eligible.size() > 1) {
      StringBuilder sb = new StringBuilder(w);
      for (int i : eligible) {
        sb.setCharAt(i, MAP.get(w.charAt(i)));
      }
      out.add(text.replace(name(), sp.start(), sp.end(), sb.toString()));
    }
    return out;
  }
}
