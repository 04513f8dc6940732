package dev.squall.campaign.store;

import java.util.Objects;

/**
 * One result: one item × model × stage. Unique on (stage, model, itemId).
 *
 * @param stage the stage id
 * @param model the model name
 * @param itemId the item's stable id (a pair id, or pair id + attack)
 * @param split the split the item came from
 * @param credit pairwise credit in [0, 1] (1 right, ½ tie, 0 wrong), or NaN where there is none
 * @param score the stage's per-item number (reward margin; best-of-N gold at the largest N)
 * @param detail stage-specific JSON (rewards, candidates, attack outcome...)
 */
public record ResultRow(
    String stage, String model, String itemId, String split, double credit, double score,
    String detail) {
  public ResultRow {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(itemId, "itemId");
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(detail, "detail");
  }

  /** True when the item was strictly right (credit 1). */
  public boolean correct() {
    return credit == 1.0;
  }
}
