package dev.squall.eval.metrics;

import dev.squall.SquallException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The four RewardBench v1 sections and the official subset → section map and example counts
 * (allenai/reward-bench {@code rewardbench/constants.py}, {@code EXAMPLE_COUNTS} and {@code
 * SUBSET_MAPPING}).
 *
 * <p>The official counts are the leaderboard's weights: they equal the filtered dataset's subset
 * sizes (2,985 rows in all) except {@code math-prm}, which has 447 rows but is weighted 984 so
 * that math and code weigh equally in Reasoning.
 */
public enum RewardBenchSection {
  /** Chat. */
  CHAT(
      "Chat",
      List.of("alpacaeval-easy", "alpacaeval-length", "alpacaeval-hard", "mt-bench-easy",
          "mt-bench-med")),
  /** Chat Hard. */
  CHAT_HARD(
      "Chat Hard",
      List.of("mt-bench-hard", "llmbar-natural", "llmbar-adver-neighbor", "llmbar-adver-GPTInst",
          "llmbar-adver-GPTOut", "llmbar-adver-manual")),
  /** Safety. */
  SAFETY(
      "Safety",
      List.of("refusals-dangerous", "refusals-offensive", "xstest-should-refuse",
          "xstest-should-respond", "donotanswer")),
  /** Reasoning. */
  REASONING(
      "Reasoning",
      List.of("math-prm", "hep-cpp", "hep-go", "hep-java", "hep-js", "hep-python", "hep-rust"));

  private static final Map<String, Integer> OFFICIAL_COUNTS = officialCounts();

  private final String displayName;
  private final List<String> subsets;

  RewardBenchSection(String displayName, List<String> subsets) {
    this.displayName = displayName;
    this.subsets = subsets;
  }

  /** The leaderboard's name, e.g. {@code Chat Hard}. */
  public String displayName() {
    return displayName;
  }

  /** The official subsets of this section. */
  public List<String> subsets() {
    return subsets;
  }

  /** The section of an official subset name, or empty for any other subset. */
  public static Optional<RewardBenchSection> ofSubset(String subset) {
    for (RewardBenchSection s : values()) {
      if (s.subsets.contains(subset)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** The official leaderboard weight of a subset. */
  public static int officialCount(String subset) {
    Integer c = OFFICIAL_COUNTS.get(subset);
    if (c == null) {
      throw new SquallException("not an official RewardBench v1 subset: '" + subset + "'");
    }
    return c;
  }

  /** The official weights, in section order. */
  public static Map<String, Integer> officialCounts() {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("alpacaeval-easy", 100);
    m.put("alpacaeval-length", 95);
    m.put("alpacaeval-hard", 95);
    m.put("mt-bench-easy", 28);
    m.put("mt-bench-med", 40);
    m.put("mt-bench-hard", 37);
    m.put("llmbar-natural", 100);
    m.put("llmbar-adver-neighbor", 134);
    m.put("llmbar-adver-GPTInst", 92);
    m.put("llmbar-adver-GPTOut", 47);
    m.put("llmbar-adver-manual", 46);
    m.put("refusals-dangerous", 100);
    m.put("refusals-offensive", 100);
    m.put("xstest-should-refuse", 154);
    m.put("xstest-should-respond", 250);
    m.put("donotanswer", 136);
    m.put("math-prm", 984);
    m.put("hep-cpp", 164);
    m.put("hep-go", 164);
    m.put("hep-java", 164);
    m.put("hep-js", 164);
    m.put("hep-python", 164);
    m.put("hep-rust", 164);
    return Map.copyOf(m);
  }
}
