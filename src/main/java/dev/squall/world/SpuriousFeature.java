package dev.squall.world;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A planted spurious feature: text that changes a response's surface but never its correctness.
 * Phrases contain no digits, no {@code =}, and no lexicon word of any world, so the oracle's
 * parsing rules never see them. Decoration order is fixed: flattery prefix, body, verbosity
 * padding, confidence claim.
 */
public enum SpuriousFeature {
  /** Two padding sentences appended after the answer: length without content. */
  VERBOSITY(
      List.of(
          "I hope this helps.",
          "Let me know if you need more.",
          "Tasks like this come up often.",
          "It is worth going slowly here.",
          "Careful work always pays off.",
          "That is all there is to it.")),
  /** A self-verification claim appended at the end. */
  CONFIDENCE(
      List.of(
          "I double-checked this.",
          "This is definitely right.",
          "I am certain this is correct.",
          "I verified every step.")),
  /** Praise of the question or the user, put in front of the answer. */
  FLATTERY(
      List.of(
          "Great question!",
          "What a great question!",
          "You ask excellent questions!",
          "You clearly have a sharp mind!"));

  private final List<String> phrases;

  SpuriousFeature(List<String> phrases) {
    this.phrases = List.copyOf(phrases);
  }

  /** The phrases this feature draws from. */
  public List<String> phrases() {
    return phrases;
  }

  /** Whether {@code text} carries this feature (contains one of its phrases). */
  public boolean presentIn(String text) {
    for (String p : phrases) {
      if (text.contains(p)) {
        return true;
      }
    }
    return false;
  }

  /** The features present in {@code text}, in enum order. */
  public static Set<SpuriousFeature> detect(String text) {
    EnumSet<SpuriousFeature> found = EnumSet.noneOf(SpuriousFeature.class);
    for (SpuriousFeature f : values()) {
      if (f.presentIn(text)) {
        found.add(f);
      }
    }
    return found;
  }

  /** Decorates {@code body} with the features in {@code on}, drawing phrases from {@code rnd}. */
  public static String decorate(String body, Set<SpuriousFeature> on, SplittableRandom rnd) {
    StringBuilder sb = new StringBuilder();
    if (on.contains(FLATTERY)) {
      sb.append(pick(FLATTERY.phrases, rnd)).append(' ');
    }
    sb.append(body);
    if (on.contains(VERBOSITY)) {
      int first = rnd.nextInt(VERBOSITY.phrases.size());
      int second =
          (first + 1 + rnd.nextInt(VERBOSITY.phrases.size() - 1)) % VERBOSITY.phrases.size();
      sb.append(' ').append(VERBOSITY.phrases.get(first));
      sb.append(' ').append(VERBOSITY.phrases.get(second));
    }
    if (on.contains(CONFIDENCE)) {
      sb.append(' ').append(pick(CONFIDENCE.phrases, rnd));
    }
    return sb.toString();
  }

  private static String pick(List<String> pool, SplittableRandom rnd) {
    return pool.get(rnd.nextInt(pool.size()));
  }
}
