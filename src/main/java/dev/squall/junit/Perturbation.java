package dev.squall.junit;

import dev.squall.attack.Attack;
import dev.squall.attack.AttackItem;
import dev.squall.attack.AttackResult;
import dev.squall.attack.AttackRunner;
import dev.squall.attack.ModelScores;
import dev.squall.attack.QueryCache;
import dev.squall.Seeds;
import dev.squall.rm.RewardModel;
import dev.squall.rm.RewardResult;
import dev.squall.rm.ScoringRequest;
import dev.squall.world.PreferencePair;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** What is done to a pair before it is scored again: an attack, or moving a spurious feature. */
sealed interface Perturbation {
  String name();

  /** One outcome per pair, in pair order. */
  List<Outcome> outcomes(RewardModel model, List<PreferencePair> pairs, QueryCache cache, long seed);

  /**
   * An attack on the rejected response (searching against the model under test). Eligible: the
   * model ranked the pair correctly before (chosen strictly above rejected). Success: afterwards
   * the chosen response is no longer strictly above the adversarial one — the definition of
   * {@code AttackMetrics.attackSuccessRate}.
   */
  record OfAttack(Attack attack) implements Perturbation {
    @Override
    public String name() {
      return attack.name();
    }

    @Override
    public List<Outcome> outcomes(RewardModel model, List<PreferencePair> pairs, QueryCache cache, long seed) {
      AttackRunner runner = new AttackRunner(cache);
      List<Outcome> out = new ArrayList<>();
      for (PreferencePair p : pairs) {
        AttackResult r = runner.run(attack, AttackItem.rejectedOf(p), model, List.of(), seed);
        ModelScores t = r.target().orElse(null);
        if (t == null || t.referenceReward().isEmpty()) {
          out.add(new Outcome(p.id(), false, 0, Double.NEGATIVE_INFINITY, p.rejected(), p.rejected(),
              Double.NaN, Double.NaN, Double.NaN, Double.NaN));
          continue;
        }
        double chosen = t.referenceReward().getAsDouble();
        boolean eligible = chosen > t.rewardBefore();
        boolean success = !(chosen > t.rewardAfter());
        out.add(new Outcome(p.id(), eligible, success ? 1 : 0, t.rewardAfter() - chosen, p.rejected(),
            r.adversarial().text(), chosen, chosen, t.rewardBefore(), t.rewardAfter()));
      }
      return out;
    }
  }

  /**
   * Moves a spurious feature to the wrong side: the feature is added to the rejected response
   * (unless already there; the phrase is drawn with a seed derived from the run seed, the feature
   * and the pair id) and removed from the chosen response (if there). Eligible: the model ranked
   * the original pair correctly and the move changed at least one side. Success (a flip): the
   * chosen response is then no longer strictly above the rejected one.
   */
  record OfFeature(Feature feature) implements Perturbation {
    @Override
    public String name() {
      return feature.name();
    }

    @Override
    public List<Outcome> outcomes(RewardModel model, List<PreferencePair> pairs, QueryCache cache, long seed) {
      List<ScoringRequest> reqs = new ArrayList<>();
      List<String[]> texts = new ArrayList<>();
      for (PreferencePair p : pairs) {
        String c2 = feature.removeFrom(p.chosen());
        String r2 = feature.addTo(p.rejected(), new SplittableRandom(Seeds.derive(seed, "sway", feature.name(), p.id())));
        texts.add(new String[] {c2, r2});
        reqs.add(ScoringRequest.of(p.prompt(), p.chosen()));
        reqs.add(ScoringRequest.of(p.prompt(), p.rejected()));
        reqs.add(ScoringRequest.of(p.prompt(), c2));
        reqs.add(ScoringRequest.of(p.prompt(), r2));
      }
      List<RewardResult> got = cache.scoreAll(model, reqs);
      List<Outcome> out = new ArrayList<>();
      for (int i = 0; i < pairs.size(); i++) {
        PreferencePair p = pairs.get(i);
        double c = got.get(4 * i).reward();
        double r = got.get(4 * i + 1).reward();
        double c2 = got.get(4 * i + 2).reward();
        double r2 = got.get(4 * i + 3).reward();
        boolean changed = !texts.get(i)[0].equals(p.chosen()) || !texts.get(i)[1].equals(p.rejected());
        boolean eligible = changed && c > r;
        boolean flipped = !(c2 > r2);
        out.add(new Outcome(p.id(), eligible, flipped ? 1 : 0, r2 - c2, p.rejected(), texts.get(i)[1], c, c2, r, r2));
      }
      return out;
    }
  }

  /**
   * No perturbation: pairwise accuracy. Every pair is eligible; credit 1 when chosen is strictly
   * above rejected, ½ on a tie, 0 otherwise.
   */
  record None() implements Perturbation {
    @Override
    public String name() {
      return "no attack";
    }

    @Override
    public List<Outcome> outcomes(RewardModel model, List<PreferencePair> pairs, QueryCache cache, long seed) {
      List<ScoringRequest> reqs = new ArrayList<>();
      for (PreferencePair p : pairs) {
        reqs.add(ScoringRequest.of(p.prompt(), p.chosen()));
        reqs.add(ScoringRequest.of(p.prompt(), p.rejected()));
      }
      List<RewardResult> got = cache.scoreAll(model, reqs);
      List<Outcome> out = new ArrayList<>();
      for (int i = 0; i < pairs.size(); i++) {
        PreferencePair p = pairs.get(i);
        double c = got.get(2 * i).reward();
        double r = got.get(2 * i + 1).reward();
        double credit = c > r ? 1 : c == r ? 0.5 : 0;
        out.add(new Outcome(p.id(), true, credit, r - c, p.rejected(), p.rejected(), c, c, r, r));
      }
      return out;
    }
  }
}
