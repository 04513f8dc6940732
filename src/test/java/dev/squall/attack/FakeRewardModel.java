package dev.squall.attack;

import dev.squall.rm.Critique;
import dev.squall.rm.ModelInfo;
import dev.squall.rm.RewardModel;
import dev.squall.rm.RewardModelKind;
import dev.squall.rm.RewardResult;
import dev.squall.rm.ScoringProvenance;
import dev.squall.rm.ScoringRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.ToDoubleBiFunction;

/**
 * A reward model for tests: a function of (prompt, response), optionally writing a critique (then
 * it is a CLoud model and the reward may read the critique). Counts every request it receives.
 */
final class FakeRewardModel implements RewardModel {
  private final ModelInfo info;
  private final ToDoubleBiFunction<String, String> reward;
  private final BiFunction<String, String, String> critic;
  private final ToDoubleBiFunction<String, String> critiqueReward;
  int queries;
  int batches;

  private FakeRewardModel(
      String name, RewardModelKind kind, ToDoubleBiFunction<String, String> reward,
      BiFunction<String, String, String> critic, ToDoubleBiFunction<String, String> critiqueReward) {
    this.info = new ModelInfo(name, kind, "fake", "hash-" + name, 0);
    this.reward = reward;
    this.critic = critic;
    this.critiqueReward = critiqueReward;
  }

  /** A classic model with reward {@code reward(prompt, response)}. */
  static FakeRewardModel classic(String name, ToDoubleBiFunction<String, String> reward) {
    return new FakeRewardModel(name, RewardModelKind.CLASSIC, reward, null, null);
  }

  /**
   * A CLoud model: writes {@code critic(prompt, response)}, then rewards {@code reward(prompt,
   * response) + critiqueReward(critique, response)}.
   */
  static FakeRewardModel cloud(
      String name, ToDoubleBiFunction<String, String> reward, BiFunction<String, String, String> critic,
      ToDoubleBiFunction<String, String> critiqueReward) {
    return new FakeRewardModel(name, RewardModelKind.CLOUD, reward, critic, critiqueReward);
  }

  @Override
  public ModelInfo info() {
    return info;
  }

  @Override
  public List<RewardResult> scoreAll(List<ScoringRequest> requests) {
    batches++;
    queries += requests.size();
    List<RewardResult> out = new ArrayList<>();
    for (ScoringRequest r : requests) {
      double v = reward.applyAsDouble(r.prompt(), r.response());
      List<Critique> cs = List.of();
      if (critic != null) {
        String c = critic.apply(r.prompt(), r.response());
        v += critiqueReward.applyAsDouble(c, r.response());
        cs = List.of(new Critique(c, false, c.length(), v, false));
      }
      out.add(new RewardResult(v, cs, new ScoringProvenance(info.name(), info.modelHash(), info.kind(), Optional.empty(), "test")));
    }
    return out;
  }

  @Override
  public void close() {}
}
