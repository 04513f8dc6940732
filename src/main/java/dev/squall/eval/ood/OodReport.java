package dev.squall.eval.ood;

import dev.squall.eval.metrics.MetricValue;
import dev.squall.eval.metrics.RewardScale;
import dev.squall.rm.RewardModelKind;
import dev.squall.stats.Estimate;
import dev.squall.stats.McNemar;
import dev.squall.world.Split;
import java.util.List;
import java.util.Objects;

/**
 * The result of an OOD evaluation; every part is a record that Jackson serialises as is.
 *
 * @param config the settings used
 * @param models per-model results (one or two; for a comparison, classic first, then CLoud)
 * @param comparisons CLoud versus classic per split, in split order (empty for one model)
 * @param gapDifferences CLoud's gap minus classic's per OOD split (empty for one model)
 */
public record OodReport(
    OodConfig config,
    List<ModelResult> models,
    List<SplitComparison> comparisons,
    List<GapDifference> gapDifferences) {
  public OodReport {
    Objects.requireNonNull(config, "config");
    models = List.copyOf(models);
    comparisons = List.copyOf(comparisons);
    gapDifferences = List.copyOf(gapDifferences);
  }

  /**
   * One model's results.
   *
   * @param model the model's name
   * @param kind classic or CLoud
   * @param splits per split (TEST first), accuracy and calibration
   * @param gaps per OOD split, accuracy on TEST minus accuracy on the split
   */
  public record ModelResult(
      String model, RewardModelKind kind, List<SplitResult> splits, List<SplitGap> gaps) {
    public ModelResult {
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(kind, "kind");
      splits = List.copyOf(splits);
      gaps = List.copyOf(gaps);
    }
  }

  /**
   * One model on one split.
   *
   * @param split the split
   * @param accuracy pairwise accuracy with a Wilson interval
   * @param ece expected calibration error of σ(r⁺ − r⁻)
   * @param eceDrift ece − ece on TEST (0 for TEST)
   * @param rewardScale rewards of this split against TEST's (all chosen and rejected rewards)
   */
  public record SplitResult(
      Split split, MetricValue accuracy, double ece, double eceDrift, RewardScale rewardScale) {
    public SplitResult {
      Objects.requireNonNull(split, "split");
      Objects.requireNonNull(accuracy, "accuracy");
      Objects.requireNonNull(rewardScale, "rewardScale");
    }
  }

  /**
   * Accuracy on TEST minus accuracy on an OOD split (positive = worse OOD), with a two-sample
   * bootstrap interval (the two item sets are independent).
   */
  public record SplitGap(Split split, Estimate gap) {
    public SplitGap {
      Objects.requireNonNull(split, "split");
      Objects.requireNonNull(gap, "gap");
    }
  }

  /**
   * CLoud versus classic on one split's items.
   *
   * @param split the split
   * @param accuracyDifference CLoud accuracy − classic accuracy, paired Wald interval
   * @param mcNemar exact McNemar on strict correctness; b = only CLoud right, c = only classic right
   * @param holmAdjustedP the McNemar p-value after Holm over all splits compared
   * @param holmRejected whether H₀ (equal accuracy) is rejected at the family-wise α
   */
  public record SplitComparison(
      Split split,
      Estimate accuracyDifference,
      McNemar mcNemar,
      double holmAdjustedP,
      boolean holmRejected) {
    public SplitComparison {
      Objects.requireNonNull(split, "split");
      Objects.requireNonNull(accuracyDifference, "accuracyDifference");
      Objects.requireNonNull(mcNemar, "mcNemar");
    }
  }

  /**
   * (CLoud gap) − (classic gap) on one OOD split, with a bootstrap interval resampling TEST and
   * OOD items independently and the two models' credits on an item together; negative means CLoud
   * generalises better.
   */
  public record GapDifference(Split split, Estimate differenceInGap) {
    public GapDifference {
      Objects.requireNonNull(split, "split");
      Objects.requireNonNull(differenceInGap, "differenceInGap");
    }
  }
}
