package dev.squall.bench;

import dev.squall.rm.ModelInfo;
import dev.squall.rm.RewardModel;
import dev.squall.rm.RewardModelKind;
import dev.squall.rm.RewardResult;
import dev.squall.rm.ScoringProvenance;
import dev.squall.rm.ScoringRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A reward model whose cost is a fixed amount of CPU work per request: {@code iterations} steps of
 * a xorshift generator seeded by the response's hash. Its reward is that generator's last value in
 * [0, 1), plus 2 for a {@code favoured} response (the chosen responses of a workload, so attacks on
 * the rejected ones never flip a pair and every search runs until its budget or its schedule ends).
 * So the model time of a request is known, identical for every request and free of allocation, I/O
 * and native calls: what remains of a search's wall time is the search's own overhead. Stateless.
 */
final class SpinRewardModel implements RewardModel {
  private static final ScoringProvenance PROVENANCE =
      new ScoringProvenance("spin", "spin", RewardModelKind.CLASSIC, Optional.empty(), "bench");

  private final long iterations;
  private final Set<String> favoured;

  SpinRewardModel(long iterations, Set<String> favoured) {
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be >= 1, was " + iterations);
    }
    this.iterations = iterations;
    this.favoured = Set.copyOf(favoured);
  }

  @Override
  public ModelInfo info() {
    return new ModelInfo("spin", RewardModelKind.CLASSIC, "spin", "spin-" + iterations, 0);
  }

  @Override
  public List<RewardResult> scoreAll(List<ScoringRequest> requests) {
    List<RewardResult> out = new ArrayList<>(requests.size());
    for (ScoringRequest r : requests) {
      long x = r.response().hashCode() * 0x9E3779B97F4A7C15L | 1;
      for (long i = 0; i < iterations; i++) {
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
      }
      double reward = (x >>> 11) * 0x1.0p-53 + (favoured.contains(r.response()) ? 2 : 0);
      out.add(new RewardResult(reward, List.of(), PROVENANCE));
    }
    return out;
  }

  @Override
  public void close() {}
}
