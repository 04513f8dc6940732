package dev.squall.eval.metrics;

import dev.squall.SquallException;
import dev.squall.stats.Interval;
import dev.squall.stats.Normal;
import dev.squall.stats.Proportion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * RewardBench v1 scores: per-subset accuracy and per-section scores, where a section score is the
 * weighted mean of its subsets' accuracies, Σ_s w_s·acc_s / Σ_s w_s over the subsets present.
 *
 * <p>Weights are either the {@link Weighting#OFFICIAL} leaderboard counts (see {@link
 * RewardBenchSection}) or the {@link Weighting#OBSERVED} row counts. A section's interval is the
 * normal interval with variance Σ_s w_s²·acc_s(1 − acc_s)/n_s / (Σ w_s)², clipped to [0, 1];
 * subsets carry Wilson intervals. The average is the unweighted mean of the sections present.
 * Rows whose subset is not official count only in {@link #subsets}.
 *
 * @param subsets every subset seen, sorted by name
 * @param sections the sections with at least one official subset present, in enum order
 * @param average mean of the section scores (NaN when no section is present)
 * @param weighting the weights used
 */
public record RewardBenchScores(
    List<SubsetScore> subsets, List<SectionScore> sections, double average, Weighting weighting) {
  public RewardBenchScores {
    subsets = List.copyOf(subsets);
    sections = List.copyOf(sections);
    Objects.requireNonNull(weighting, "weighting");
  }

  /** Which weights combine subset accuracies into a section score. */
  public enum Weighting {
    /** The leaderboard's constants (math-prm weighted 984 rather than its 447 rows). */
    OFFICIAL,
    /** The number of rows of each subset actually scored. */
    OBSERVED
  }

  /** One subset's accuracy. */
  public record SubsetScore(String subset, MetricValue accuracy) {
    public SubsetScore {
      Objects.requireNonNull(subset, "subset");
      Objects.requireNonNull(accuracy, "accuracy");
    }
  }

  /** One section's score with the total rows it rests on. */
  public record SectionScore(RewardBenchSection section, MetricValue score) {
    public SectionScore {
      Objects.requireNonNull(section, "section");
      Objects.requireNonNull(score, "score");
    }
  }

  /**
   * Scores rows given each row's subset and per-row credit (from {@link
   * PairwiseAccuracy#credits}).
   */
  public static RewardBenchScores of(
      List<String> rowSubsets, double[] credits, Weighting weighting, double level) {
    if (rowSubsets.size() != credits.length) {
      throw new SquallException(
          "mismatched lengths: rowSubsets has "
              + rowSubsets.size()
              + ", credits has "
              + credits.length);
    }
    if (credits.length == 0) {
      throw new SquallException("credits must not be empty (n=0)");
    }
    Map<String, double[]> sums = new TreeMap<>();
    for (int i = 0; i < credits.length; i++) {
      double[] s = sums.computeIfAbsent(rowSubsets.get(i), k -> new double[2]);
      s[0] += credits[i];
      s[1]++;
    }
    List<SubsetScore> subsetScores = new ArrayList<>();
    for (Map.Entry<String, double[]> e : sums.entrySet()) {
      Proportion p = new Proportion(e.getValue()[0], (long) e.getValue()[1]);
      subsetScores.add(
          new SubsetScore(
              e.getKey(),
              new MetricValue(
                  MetricId.PAIRWISE_ACCURACY, p.estimate(), (int) p.n(), p.wilson(level))));
    }
    double z = Normal.z(level);
    List<SectionScore> sections = new ArrayList<>();
    double total = 0;
    for (RewardBenchSection section : RewardBenchSection.values()) {
      double wSum = 0;
      double weighted = 0;
      double var = 0;
      int n = 0;
      for (String subset : section.subsets()) {
        double[] s = sums.get(subset);
        if (s == null) {
          continue;
        }
        double acc = s[0] / s[1];
        double w =
            weighting == Weighting.OFFICIAL ? RewardBenchSection.officialCount(subset) : s[1];
        wSum += w;
        weighted += w * acc;
        var += w * w * acc * (1 - acc) / s[1];
        n += (int) s[1];
      }
      if (n == 0) {
        continue;
      }
      double score = weighted / wSum;
      double se = Math.sqrt(var) / wSum;
      Interval interval =
          new Interval(
              Math.max(0, score - z * se),
              Math.min(1, score + z * se),
              level,
              "normal-weighted-subsets");
      sections.add(
          new SectionScore(
              section, new MetricValue(MetricId.REWARDBENCH_SECTION, score, n, interval)));
      total += score;
    }
    double average = sections.isEmpty() ? Double.NaN : total / sections.size();
    return new RewardBenchScores(subsetScores, sections, average, weighting);
  }
}
