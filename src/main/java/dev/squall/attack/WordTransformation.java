package dev.squall.attack;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A transformation that edits one word at a time, so search can choose where to edit (greedy by
 * word importance). {@link #transform} defaults to editing randomly chosen words.
 */
public interface WordTransformation extends Transformation {
  /** Candidates that edit only word {@code wordIndex} of {@code text}; possibly empty. */
  List<AttackedText> atWord(AttackedText text, int wordIndex, AttackContext context, long seed);

  @Override
  default List<AttackedText> transform(AttackedText text, AttackContext context, int n, long seed) {
    int words = text.words().size();
    if (words == 0 || n <= 0) {
      return List.of();
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    Set<String> seen = new LinkedHashSet<>();
    List<AttackedText> out = new ArrayList<>();
    for (int tries = 0; tries < 4 * n && out.size() < n; tries++) {
      int w = rnd.nextInt(words);
      for (AttackedText c : atWord(text, w, context, rnd.nextLong())) {
        if (out.size() < n && !c.text().equals(text.text()) && seen.add(c.text())) {
          out.add(c);
        }
      }
    }
    return out;
  }
}
