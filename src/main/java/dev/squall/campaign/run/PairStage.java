package dev.squall.campaign.run;

import dev.squall.campaign.config.CampaignConfig.DatasetSpec;
import dev.squall.world.PreferencePair;
import dev.squall.world.Split;
import java.util.List;
import java.util.function.Consumer;

/**
 * What every stage over preference pairs shares: its id, the models it runs, and the pairs of
 * the dataset's splits it reads (capped at {@code cap} per split).
 */
abstract class PairStage implements Stage {
  protected final String id;
  protected final DatasetSpec dataset;
  protected final List<Split> splits;
  protected final List<String> models;
  protected final int cap;
  protected final long seed;

  PairStage(String id, DatasetSpec dataset, List<Split> splits, List<String> models, int cap, long seed) {
    this.id = id;
    this.dataset = dataset;
    this.splits = splits;
    this.models = models;
    this.cap = cap;
    this.seed = seed;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public List<String> models() {
    return models;
  }

  @Override
  public List<String> splits() {
    return splits.stream().map(Split::id).toList();
  }

  @Override
  public long expectedItems(String split) {
    return PairSource.expected(dataset, Split.fromId(split), cap);
  }

  @Override
  public void forEachItem(String split, Consumer<PreferencePair> sink) {
    PairSource.forEach(dataset, Split.fromId(split), cap, sink);
  }
}
