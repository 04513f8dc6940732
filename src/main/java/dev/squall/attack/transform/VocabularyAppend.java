package dev.squall.attack.transform;

import dev.squall.attack.AttackContext;
import dev.squall.attack.AttackedText;
import dev.squall.attack.Transformation;
import dev.squall.attack.Vocabulary;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Appends one vocabulary word (separated by a space) to the response: the step of a
 * vocabulary/suffix search (Raina et al. 2024). Each call draws up to {@code n} distinct words;
 * with {@code n >= vocabulary size} every word is tried. Immutable.
 */
public record VocabularyAppend(Vocabulary vocabulary) implements Transformation {
  public VocabularyAppend {
    Objects.requireNonNull(vocabulary, "vocabulary");
  }

  @Override
  public String name() {
    return "vocabulary_append";
  }

  @Override
  public List<AttackedText> transform(AttackedText text, AttackContext ctx, int n, long seed) {
    List<String> words;
    if (n >= vocabulary.size()) {
      words = Shuffle.of(vocabulary.words(), seed);
    } else {
      SplittableRandom rnd = new SplittableRandom(seed);
      Set<String> pick = new LinkedHashSet<>();
      while (pick.size() < n) {
        pick.add(vocabulary.get(rnd.nextInt(vocabulary.size())));
      }
      words = new ArrayList<>(pick);
    }
    List<AttackedText> out = new ArrayList<>();
    for (String w : words) {
      out.add(text.append(name(), " " + w));
    }
    return out;
  }
}
