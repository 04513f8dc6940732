package dev.squall.attack;

import dev.squall.Seeds;
import dev.squall.attack.goal.LiftWrongAboveCorrect;
import dev.squall.rm.RewardModel;
import dev.squall.rm.RewardModelKind;
import dev.squall.rm.RewardResult;
import dev.squall.rm.ScoringRequest;
import dev.squall.world.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Runs attacks on items against a target model, then scores the original and adversarial texts
 * with transfer models (outside the search budget; through the same cache). Holds a cache and the
 * chat markers; not thread-safe beyond what {@link QueryCache} guarantees.
 */
public final class AttackRunner {
  private final QueryCache cache;
  private final ChatMarkers markers;

  public AttackRunner(QueryCache cache, ChatMarkers markers) {
    this.cache = Objects.requireNonNull(cache, "cache");
    this.markers = Objects.requireNonNull(markers, "markers");
  }

  public AttackRunner(QueryCache cache) {
    this(cache, ChatMarkers.LLAMA3);
  }

  /** The item seed: a function of the run seed, the attack and the item only. */
  public static long itemSeed(long runSeed, Attack attack, AttackItem item) {
    return Seeds.derive(runSeed, "attack", attack.name(), item.id());
  }

  /** Attacks every item; results in item order. */
  public List<AttackResult> runAll(
      Attack attack, List<AttackItem> items, RewardModel target, List<RewardModel> transfer, long runSeed) {
    List<AttackResult> out = new ArrayList<>();
    for (AttackItem item : items) {
      out.add(run(attack, item, target, transfer, runSeed));
    }
    return out;
  }

  /** Attacks one item. */
  public AttackResult run(
      Attack attack, AttackItem item, RewardModel target, List<RewardModel> transfer, long runSeed) {
    long seed = itemSeed(runSeed, attack, item);
    AttackContext ctx = item.context(markers);
    AttackedText original = AttackedText.of(item.response());
    SearchState state =
        new SearchState(
            original, ctx, attack.transformation(), attack.constraints(), attack.goal(), target, cache, seed);

    String skip = precondition(attack, item);
    if (skip != null) {
      return result(attack, item, seed, new AttackStatus.Skipped(skip), state, original, List.of());
    }
    if (!state.scoreBaseline()) {
      return result(
          attack, item, seed,
          new AttackStatus.Skipped("query budget " + attack.goal().queryBudget() + " is too small to score the baseline"),
          state, original, List.of());
    }
    if (attack.goal().reached(state.originalReward(), state.originalReward(), state.referenceReward())) {
      return result(
          attack, item, seed, new AttackStatus.Skipped("goal already met by the original"), state, original,
          scores(item, target, transfer, state, original));
    }
    attack.search().search(state);

    AttackStatus status;
    AttackedText adversarial = state.best().map(SearchState.Scored::text).orElse(original);
    if (state.succeeded()) {
      status = new AttackStatus.Succeeded();
    } else if (state.scoredCount() == 0 && state.invalidCount() > 0) {
      status = new AttackStatus.Invalid(state.invalidCount() + " candidates, all rejected by constraints");
    } else if (state.budgetHit()) {
      status = new AttackStatus.Failed("query budget exhausted");
    } else {
      status = new AttackStatus.Failed("search exhausted");
    }
    return result(attack, item, seed, status, state, adversarial, scores(item, target, transfer, state, adversarial));
  }

  private static String precondition(Attack attack, AttackItem item) {
    if (attack.goal().needsReference() && item.reference().isEmpty()) {
      return "goal " + attack.goal().name() + " needs a reference response; the item has none";
    }
    if (attack.goal() instanceof LiftWrongAboveCorrect) {
      if (item.world().isEmpty()) {
        return "goal lift_wrong_above_correct needs a world oracle; the item has none";
      }
      Verdict v = item.world().get().judge(item.prompt(), item.response());
      if (v.correct()) {
        return "the oracle judges the attacked response correct; nothing wrong to lift";
      }
      Verdict r = item.world().get().judge(item.prompt(), item.reference().get());
      if (!r.correct()) {
        return "the oracle judges the reference response wrong";
      }
    }
    return null;
  }

  private List<ModelScores> scores(
      AttackItem item, RewardModel target, List<RewardModel> transfer, SearchState state, AttackedText adv) {
    List<ModelScores> out = new ArrayList<>();
    RewardResult before = state.originalResult();
    RewardResult after = state.best().map(SearchState.Scored::result).orElse(before);
    if (adv == state.original()) {
      after = before;
    }
    OptionalDouble ref = state.referenceReward();
    out.add(modelScores(target, true, item, adv, before, after, ref));
    for (RewardModel m : transfer) {
      List<ScoringRequest> reqs = new ArrayList<>();
      reqs.add(ScoringRequest.of(item.prompt(), item.response()));
      reqs.add(ScoringRequest.of(item.prompt(), adv.text()));
      item.reference().ifPresent(r -> reqs.add(ScoringRequest.of(item.prompt(), r)));
      List<RewardResult> r = cache.scoreAll(m, reqs);
      OptionalDouble mref = r.size() > 2 ? OptionalDouble.of(r.get(2).reward()) : OptionalDouble.empty();
      out.add(modelScores(m, false, item, adv, r.get(0), r.get(1), mref));
    }
    return out;
  }

  private static ModelScores modelScores(
      RewardModel m, boolean target, AttackItem item, AttackedText adv, RewardResult before,
      RewardResult after, OptionalDouble ref) {
    RewardModelKind kind = m.info().kind();
    CritiqueEffect effect = CritiqueEffect.NOT_APPLICABLE;
    if (kind == RewardModelKind.CLOUD) {
      boolean wrongAfter =
          item.world().map(w -> !w.judge(item.prompt(), adv.text()).correct()).orElse(true);
      effect =
          CritiqueEffect.of(before.critique(), after.critique(), before.reward(), after.reward(), wrongAfter);
    }
    return new ModelScores(
        m.info().name(), kind, target, before.reward(), after.reward(), ref, before.critique(),
        after.critique(), after.truncated(), effect);
  }

  private static AttackResult result(
      Attack attack, AttackItem item, long seed, AttackStatus status, SearchState s, AttackedText adv,
      List<ModelScores> models) {
    return new AttackResult(
        item.id(), attack.name(), seed, status, item.response(), adv, models, attack.goal().queryBudget(),
        s.queriesUsed(), s.modelCalls(), s.scoredCount(), s.invalidCount(), Map.copyOf(s.rejections()),
        s.rejectionExamples());
  }
}
