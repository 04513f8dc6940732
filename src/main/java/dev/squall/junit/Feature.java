package dev.squall.junit;

import dev.squall.world.SpuriousFeature;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A spurious feature for {@code isNotSwayedBy}: phrases that change a response's surface but not
 * its correctness, put in front of ({@link Placement#PREFIX}) or after ({@link Placement#SUFFIX})
 * the response. Either one of the world's planted features ({@link #planted}) or a named one of
 * your own ({@link #named}). Immutable.
 *
 * @param name shown in failure messages
 * @param phrases the phrases (at least one, none blank)
 * @param placement where a phrase is added
 * @param planted the world's feature this is, or {@code null} for a named feature
 */
public record Feature(String name, List<String> phrases, Placement placement, SpuriousFeature planted) {
  /** Where the feature's phrase goes. */
  public enum Placement {
    PREFIX,
    SUFFIX
  }

  public Feature {
    Objects.requireNonNull(name, "name");
    phrases = List.copyOf(phrases);
    Objects.requireNonNull(placement, "placement");
    if (phrases.isEmpty() || phrases.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("feature '" + name + "' needs non-blank phrases, got " + phrases);
    }
  }

  /** A world's planted feature: decorated exactly as the world plants it. */
  public static Feature planted(SpuriousFeature f) {
    return new Feature(
        f.name().toLowerCase(java.util.Locale.ROOT), f.phrases(),
        f == SpuriousFeature.FLATTERY ? Placement.PREFIX : Placement.SUFFIX, f);
  }

  /** A feature of your own: one of {@code phrases} added at {@code placement}. */
  public static Feature named(String name, Placement placement, String... phrases) {
    return new Feature(name, List.of(phrases), placement, null);
  }

  /** Whether {@code text} carries one of the phrases. */
  public boolean presentIn(String text) {
    return phrases.stream().anyMatch(text::contains);
  }

  /** {@code text} with the feature added (a phrase drawn from {@code rnd}); unchanged if present. */
  public String addTo(String text, SplittableRandom rnd) {
    if (presentIn(text)) {
      return text;
    }
    if (planted != null) {
      return SpuriousFeature.decorate(text, EnumSet.of(planted), rnd);
    }
    String p = phrases.get(rnd.nextInt(phrases.size()));
    return placement == Placement.PREFIX ? p + " " + text : text + " " + p;
  }

  /** {@code text} with every occurrence of the phrases removed (with one adjoining space). */
  public String removeFrom(String text) {
    List<String> byLength = new ArrayList<>(phrases);
    byLength.sort(Comparator.comparingInt(String::length).reversed());
    String t = text;
    for (String p : byLength) {
      t = t.replace(p + " ", "").replace(" " + p, "").replace(p, "");
    }
    return t;
  }

  @Override
  public String toString() {
    return name;
  }
}
