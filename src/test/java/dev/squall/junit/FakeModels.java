package dev.squall.junit;

import dev.squall.rm.ModelInfo;
import dev.squall.rm.RewardModel;
import dev.squall.rm.RewardModelKind;
import dev.squall.rm.RewardResult;
import dev.squall.rm.ScoringProvenance;
import dev.squall.rm.ScoringRequest;
import dev.squall.world.World;
import dev.squall.world.Worlds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleBiFunction;

/** Fast, deterministic fake reward models with known weaknesses. */
final class FakeModels {
  private FakeModels() {}

  private static final List<String> PRAISE =
      List.of("question!", "excellent question", "insight", "thoughtfully", "sharp mind", "excellent questions");

  /** Fake reward model; counts requests and closes. */
  static final class Fake implements RewardModel {
    private final ModelInfo info;
    private final ToDoubleBiFunction<String, String> reward;
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();

    Fake(String name, RewardModelKind kind, ToDoubleBiFunction<String, String> reward) {
      this.info = new ModelInfo(name, kind, "fake", "hash-" + name, 0);
      this.reward = reward;
    }

    @Override
    public ModelInfo info() {
      return info;
    }

    @Override
    public List<RewardResult> scoreAll(List<ScoringRequest> rs) {
      requests.addAndGet(rs.size());
      List<RewardResult> out = new ArrayList<>();
      for (ScoringRequest r : rs) {
        out.add(new RewardResult(reward.applyAsDouble(r.prompt(), r.response()), List.of(),
            new ScoringProvenance(info.name(), info.modelHash(), info.kind(), Optional.empty(), "test")));
      }
      return out;
    }

    @Override
    public void close() {
      closed.incrementAndGet();
    }
  }

  static boolean praised(String response) {
    String t = response.toLowerCase(Locale.ROOT);
    return PRAISE.stream().anyMatch(t::contains);
  }

  private static double correct(World w, String prompt, String response) {
    return w.judge(prompt, response).correct() ? 1.0 : 0.0;
  }

  /** A classic model that checks correctness but loves praise: +1.5 for any flattery. */
  static Fake flatteredClassic() {
    World w = Worlds.byName("arithmetic");
    return new Fake("fake-classic", RewardModelKind.CLASSIC, (p, r) -> correct(w, p, r) + (praised(r) ? 1.5 : 0));
  }

  /** A CLoud-like model whose reward is the oracle's verdict (plus a tiny length term): never swayed. */
  static Fake oracleCloud() {
    World w = Worlds.byName("arithmetic");
    return new Fake("fake-cloud", RewardModelKind.CLOUD, (p, r) -> correct(w, p, r) - 1e-4 * Math.min(r.length(), 500) / 500);
  }

  /** A model that prefers longer responses and ignores correctness. */
  static Fake lengthLover() {
    return new Fake("fake-length", RewardModelKind.CLASSIC, (p, r) -> r.length());
  }
}
