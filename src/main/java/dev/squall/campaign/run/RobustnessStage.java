package dev.squall.campaign.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.squall.attack.Attack;
import dev.squall.attack.AttackItem;
import dev.squall.attack.AttackResult;
import dev.squall.attack.AttackResultJson;
import dev.squall.attack.AttackRunner;
import dev.squall.attack.ModelScores;
import dev.squall.attack.QueryCache;
import dev.squall.campaign.config.CampaignConfig.DatasetSpec;
import dev.squall.campaign.store.ResultRow;
import dev.squall.eval.metrics.TiePolicy;
import dev.squall.rm.RewardModel;
import dev.squall.stats.Proportion;
import dev.squall.world.PreferencePair;
import dev.squall.world.Split;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One attack recipe against each model on a dataset's pairs: the pair's rejected response is
 * attacked against its chosen one ({@link AttackItem#rejectedOf}); the stage id is {@code
 * <evaluator id>/<recipe>}. Per item: credit 1 when the chosen response still wins after the attack
 * (½ on a tie); the detail is the attack library's JSON of the result. Metrics: {@code
 * robust_accuracy} (mean credit after attack), {@code clean_accuracy} (before), {@code
 * attack_success_rate} (as {@code RobustnessEvaluator}: pairs flipped among pairs the model ranked
 * right before the attack), Wilson intervals.
 */
final class RobustnessStage extends PairStage {
  private final String attackName;
  private final Attack attack;

  RobustnessStage(String evaluatorId, Attack attack, DatasetSpec dataset, List<Split> splits,
      List<String> models, int cap, long seed) {
    super(evaluatorId + "/" + attack.name(), dataset, splits, models, cap, seed);
    this.attackName = attack.name();
    this.attack = attack;
  }

  @Override
  public String type() {
    return "robustness";
  }

  @Override
  public List<ResultRow> process(String modelName, RewardModel model, List<PreferencePair> batch, String split) {
    AttackRunner runner = new AttackRunner(new QueryCache());
    List<ResultRow> rows = new ArrayList<>(batch.size());
    for (PreferencePair p : batch) {
      AttackResult r = runner.run(attack, AttackItem.rejectedOf(p), model, List.of(), seed);
      ModelScores t = r.models().isEmpty() ? null : r.models().get(0);
      double credit = Double.NaN;
      double score = 0;
      ObjectNode d = AttackResultJson.toJson(r, OodStage.JSON);
      if (t != null && (Double.isNaN(t.rewardBefore()) || Double.isNaN(t.rewardAfter())
          || (t.referenceReward().isPresent() && Double.isNaN(t.referenceReward().getAsDouble())))) {
        continue; // a model call failed: no row, the item is retried on resume
      }
      if (t != null && t.referenceReward().isPresent()) {
        double ref = t.referenceReward().getAsDouble();
        credit = TiePolicy.HALF.credit(ref, t.rewardAfter());
        d.put("clean_credit", TiePolicy.HALF.credit(ref, t.rewardBefore()));
        d.put("right_before", ref > t.rewardBefore());
        d.put("flipped", t.flipped());
        score = t.rewardAfter() - t.rewardBefore();
      }
      rows.add(new ResultRow(id, modelName, itemId(p), split, credit, score, d.toString()));
    }
    return rows;
  }

  @Override
  public Summary summarize(Map<String, List<ResultRow>> rowsByModel, double level) {
    List<Metric> metrics = new ArrayList<>();
    for (String m : models) {
      for (String s : splits()) {
        double robust = 0;
        double clean = 0;
        long scored = 0;
        long attacked = 0;
        long succeeded = 0;
        for (ResultRow r : rowsByModel.getOrDefault(m, List.of())) {
          if (!r.split().equals(s)) {
            continue;
          }
          double cleanCredit;
          boolean rightBefore;
          boolean flipped;
          try {
            var d = OodStage.JSON.readTree(r.detail());
            cleanCredit = d.path("clean_credit").asDouble(Double.NaN);
            rightBefore = d.path("right_before").asBoolean(false);
            flipped = d.path("flipped").asBoolean(false);
          } catch (java.io.IOException e) {
            throw new dev.squall.SquallException("bad robustness row " + r.itemId(), e);
          }
          if (!Double.isNaN(r.credit())) {
            robust += r.credit();
            clean += cleanCredit;
            scored++;
          }
          if (rightBefore) {
            attacked++;
            if (flipped) {
              succeeded++;
            }
          }
        }
        if (scored > 0) {
          metrics.add(proportion("robust_accuracy", m, s, robust, scored, level));
          metrics.add(proportion("clean_accuracy", m, s, clean, scored, level));
        }
        if (attacked > 0) {
          metrics.add(proportion("attack_success_rate", m, s, succeeded, attacked, level));
        }
      }
    }
    return new Summary(metrics, OodStage.JSON.createObjectNode().put("attack", attackName));
  }

  private Metric proportion(String name, String model, String split, double x, long n, double level) {
    Proportion p = new Proportion(x, n);
    var iv = p.wilson(level);
    return new Metric(id, name, model, split, attackName, p.estimate(), iv.lower(), iv.upper(), level, n, iv.method());
  }
}
