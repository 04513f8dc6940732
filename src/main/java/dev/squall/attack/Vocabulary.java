package dev.squall.attack;

import dev.squall.text.TextTokenizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Words a universal or vocabulary search may try, usually taken from a model's tokenizer.
 * Immutable.
 */
public record Vocabulary(List<String> words) {
  public Vocabulary {
    words = List.copyOf(words);
    if (words.isEmpty()) {
      throw new IllegalArgumentException("a vocabulary needs at least one word");
    }
  }

  public static Vocabulary of(String... words) {
    return new Vocabulary(List.of(words));
  }

  /**
   * Whole-word entries of a tokenizer's vocabulary: each id is decoded alone, stripped, and kept
   * when it is 3 to 20 ASCII letters; duplicates dropped; at most {@code limit} words, by id.
   * Digits are excluded so appended words never change a world oracle's parse.
   */
  public static Vocabulary fromTokenizer(TextTokenizer tokenizer, int limit) {
    Set<String> out = new LinkedHashSet<>();
    for (int id = 0; id < tokenizer.vocabSize() && out.size() < limit; id++) {
      String w = tokenizer.decode(new long[] {id}).strip();
      if (w.matches("[A-Za-z]{3,20}")) {
        out.add(w);
      }
    }
    return new Vocabulary(new ArrayList<>(out));
  }

  public int size() {
    return words.size();
  }

  public String get(int i) {
    return words.get(i);
  }
}
