package dev.squall.bench;

import dev.squall.rm.ModelInfo;
import dev.squall.rm.RewardModel;
import dev.squall.rm.RewardResult;
import dev.squall.rm.ScoringRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Decorator that measures the time spent inside the wrapped model's {@code scoreAll} and counts
 * the requests passed on; when recording, it also keeps every batch (to replay the exact model
 * work of a search without the search). Does not close the wrapped model. Not thread-safe.
 */
final class TimedRewardModel implements RewardModel {
  private final RewardModel inner;
  private final boolean record;
  private final List<List<ScoringRequest>> batches = new ArrayList<>();
  private long nanos;
  private long requests;

  TimedRewardModel(RewardModel inner, boolean record) {
    this.inner = inner;
    this.record = record;
  }

  @Override
  public ModelInfo info() {
    return inner.info();
  }

  @Override
  public List<RewardResult> scoreAll(List<ScoringRequest> reqs) {
    if (record) {
      batches.add(List.copyOf(reqs));
    }
    long t0 = System.nanoTime();
    List<RewardResult> out = inner.scoreAll(reqs);
    nanos += System.nanoTime() - t0;
    requests += reqs.size();
    return out;
  }

  /** Nanoseconds spent inside the wrapped model so far. */
  long nanos() {
    return nanos;
  }

  /** Requests passed to the wrapped model so far. */
  long requests() {
    return requests;
  }

  /** The batches seen so far (empty unless recording). */
  List<List<ScoringRequest>> batches() {
    return List.copyOf(batches);
  }

  @Override
  public void close() {}
}
