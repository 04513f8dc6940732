package dev.squall.world;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Statistics of one generated split, accumulated row by row for the dataset card. */
final class SplitStats {
  final Split split;
  final FeatureStrength strength;
  long rows;
  long bytes;
  long trainOverlap;
  final Map<SpuriousFeature, Long> onChosen = new EnumMap<>(SpuriousFeature.class);
  final Map<SpuriousFeature, Long> onRejected = new EnumMap<>(SpuriousFeature.class);
  final Map<String, Long> errorKinds = new TreeMap<>();
  final List<Integer> chars = new ArrayList<>();
  final List<Integer> words = new ArrayList<>();
  final List<Integer> tokens = new ArrayList<>();
  PreferencePair example;

  SplitStats(Split split, FeatureStrength strength) {
    this.split = split;
    this.strength = strength;
  }

  void add(PreferencePair p) {
    rows++;
    if (example == null) {
      example = p;
    }
    WorldMetadata m = p.metadata();
    m.chosenFeatures().forEach(f -> onChosen.merge(f, 1L, Long::sum));
    m.rejectedFeatures().forEach(f -> onRejected.merge(f, 1L, Long::sum));
    errorKinds.merge(m.errorKind(), 1L, Long::sum);
    addLength(p.prompt() + "\n" + p.chosen() + "\n" + m.chosenCritique());
    addLength(p.prompt() + "\n" + p.rejected() + "\n" + m.rejectedCritique());
  }

  private void addLength(String seq) {
    chars.add(TextLength.chars(seq));
    words.add(TextLength.words(seq));
    tokens.add(TextLength.tokenEstimate(seq));
  }

  /** "mean / p50 / p95 / max" of a length list. */
  static String summary(List<Integer> xs) {
    if (xs.isEmpty()) {
      return "-";
    }
    List<Integer> s = new ArrayList<>(xs);
    Collections.sort(s);
    double mean = s.stream().mapToInt(Integer::intValue).average().orElse(0);
    return String.format(
        Locale.ROOT,
        "%.1f / %d / %d / %d",
        mean,
        s.get((s.size() - 1) / 2),
        s.get((int) Math.ceil(0.95 * s.size()) - 1),
        s.get(s.size() - 1));
  }
}
