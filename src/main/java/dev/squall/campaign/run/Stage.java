package dev.squall.campaign.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.squall.campaign.store.ResultRow;
import dev.squall.rm.RewardModel;
import dev.squall.world.PreferencePair;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One stage of a campaign (an evaluator on a dataset, e.g. OOD accuracy, one attack recipe,
 * best-of-N). The runner streams a stage's items in batches, asks the stage to process each batch
 * with each model (every model call goes through the cache), stores the rows as they come, and
 * computes metrics from the stored rows only; so a stage is a pure function of (items, model) →
 * rows and rows → metrics, and a new evaluator plugs in by implementing this interface and adding
 * a case to {@link Stages}.
 */
public interface Stage {
  /** Unique id in the campaign; the {@code stage} column of result rows. */
  String id();

  /** The evaluator type ({@code ood}, {@code robustness}, {@code best_of_n}). */
  String type();

  /** The models this stage runs, by campaign name. */
  List<String> models();

  /** The splits, in order. */
  List<String> splits();

  /** Upper bound on the items of {@code split} before sharding (for progress), or -1 if unknown. */
  long expectedItems(String split);

  /** Streams the items of {@code split} in a deterministic order, capped at the stage's max items. */
  void forEachItem(String split, Consumer<PreferencePair> sink);

  /** The item id a pair becomes (unique within the stage, stable across runs and shards). */
  default String itemId(PreferencePair pair) {
    return pair.id();
  }

  /**
   * Processes a batch of items with one model: one row per item, in order, except items whose
   * model calls failed (error results), which get no row so that a resume retries them.
   */
  List<ResultRow> process(String modelName, RewardModel model, List<PreferencePair> batch, String split);

  /** Whether {@link #summarize} reads rows' {@code detail} (false lets the store skip it). */
  default boolean summaryNeedsDetail() {
    return true;
  }

  /** Metrics and stage details from this stage's stored rows, grouped by model, in item-id order. */
  Summary summarize(Map<String, List<ResultRow>> rowsByModel, double level);

  /** A stage's computed results: flat metrics (what thresholds gate on) and free-form details. */
  record Summary(List<Metric> metrics, JsonNode details) {
    public Summary {
      metrics = List.copyOf(metrics);
    }
  }
}
