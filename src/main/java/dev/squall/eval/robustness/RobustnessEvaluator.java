package dev.squall.eval.robustness;

import dev.squall.attack.Attack;
import dev.squall.attack.AttackItem;
import dev.squall.attack.AttackResult;
import dev.squall.attack.AttackRunner;
import dev.squall.attack.ModelScores;
import dev.squall.attack.recipe.AttackRecipe;
import dev.squall.attack.recipe.AttackResources;
import dev.squall.eval.metrics.AttackMetrics;
import dev.squall.eval.metrics.MetricId;
import dev.squall.eval.metrics.MetricValue;
import dev.squall.eval.metrics.TiePolicy;
import dev.squall.rm.RewardModel;
import dev.squall.rm.RewardModelKind;
import dev.squall.stats.Estimate;
import dev.squall.stats.Holm;
import dev.squall.stats.McNemar;
import dev.squall.stats.PairedDifference;
import dev.squall.stats.Proportion;
import dev.squall.world.PreferencePair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Attacks the rejected response of every pair with each recipe, once with each model as the
 * target, and summarises. A pair counts for a model's attack success rate only if the model ranked
 * it correctly before the attack; an item whose candidates all broke the world's validity
 * constraints ends invalid and is never a success. Not thread-safe (it drives the models).
 */
public final class RobustnessEvaluator {
  private final AttackRunner runner;
  private final AttackResources resources;
  private final RobustnessConfig config;

  public RobustnessEvaluator(AttackRunner runner, AttackResources resources, RobustnessConfig config) {
    this.runner = runner;
    this.resources = resources;
    this.config = config;
  }

  /** Runs every recipe against every model on {@code pairs}. */
  public RobustnessReport evaluate(
      List<AttackRecipe> recipes, List<RewardModel> models, List<PreferencePair> pairs) {
    List<AttackItem> items = pairs.stream().map(AttackItem::rejectedOf).toList();
    List<AttackSummary> summaries = new ArrayList<>();
    List<AttackResult> all = new ArrayList<>();
    Map<String, Map<String, long[]>> familyCounts = new TreeMap<>();
    Map<String, Map<RewardModelKind, List<AttackResult>>> byAttack = new LinkedHashMap<>();
    for (AttackRecipe recipe : recipes) {
      Attack attack = recipe.build(resources);
      for (RewardModel target : models) {
        List<AttackResult> results = runner.runAll(attack, items, target, List.of(), config.seed());
        all.addAll(results);
        AttackSummary s = summarise(recipe, target, results);
        summaries.add(s);
        byAttack.computeIfAbsent(recipe.name(), k -> new LinkedHashMap<>()).put(target.info().kind(), results);
        if (s.attackSuccessRate() != null) {
          long[] c = familyCounts.computeIfAbsent(recipe.family().id(), k -> new TreeMap<>())
              .computeIfAbsent(target.info().name(), k -> new long[2]);
          c[0] += Math.round(s.attackSuccessRate().value() * s.attackSuccessRate().n());
          c[1] += s.attackSuccessRate().n();
        }
      }
    }
    List<FamilySummary> families = new ArrayList<>();
    familyCounts.forEach(
        (family, perModel) ->
            perModel.forEach(
                (model, c) -> {
                  Proportion p = new Proportion(c[0], c[1]);
                  families.add(
                      new FamilySummary(
                          family,
                          model,
                          new MetricValue(
                              MetricId.ATTACK_SUCCESS_RATE, p.estimate(), (int) c[1], p.wilson(config.level()))));
                }));
    Map<String, String> familyOf = new LinkedHashMap<>();
    recipes.forEach(r -> familyOf.put(r.name(), r.family().id()));
    return new RobustnessReport(summaries, families, compare(byAttack, familyOf), all);
  }

  private AttackSummary summarise(AttackRecipe recipe, RewardModel target, List<AttackResult> results) {
    List<double[]> rows = new ArrayList<>();
    Map<String, Integer> statuses = new TreeMap<>();
    Map<String, Integer> effects = new TreeMap<>();
    long queries = 0;
    long calls = 0;
    for (AttackResult r : results) {
      statuses.merge(statusName(r), 1, Integer::sum);
      queries += r.queriesUsed();
      calls += r.modelCalls();
      r.target().ifPresent(
          t -> {
            if (t.referenceReward().isPresent()) {
              rows.add(new double[] {t.referenceReward().getAsDouble(), t.rewardBefore(), t.rewardAfter()});
            }
            if (r.succeeded() && t.kind() == RewardModelKind.CLOUD) {
              effects.merge(t.critiqueEffect().name().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
            }
          });
    }
    double[] chosen = column(rows, 0);
    double[] before = column(rows, 1);
    double[] after = column(rows, 2);
    boolean anyCorrect = false;
    for (int i = 0; i < chosen.length; i++) {
      anyCorrect |= chosen[i] > before[i];
    }
    return new AttackSummary(
        recipe.name(),
        recipe.family().id(),
        target.info().name(),
        target.info().kind(),
        results.size(),
        anyCorrect ? AttackMetrics.attackSuccessRate(chosen, before, chosen, after, config.level()) : null,
        rows.size() < 2 ? null : AttackMetrics.accuracyDrop(chosen, before, chosen, after, TiePolicy.HALF, config.level()),
        rows.size() < 2 ? null : AttackMetrics.marginChange(chosen, before, chosen, after, config.level()),
        statuses,
        effects,
        queries,
        calls);
  }

  private List<ModelComparison> compare(
      Map<String, Map<RewardModelKind, List<AttackResult>>> byAttack, Map<String, String> familyOf) {
    List<String> names = new ArrayList<>();
    List<McNemar> tests = new ArrayList<>();
    List<Estimate> diffs = new ArrayList<>();
    for (var e : byAttack.entrySet()) {
      List<AttackResult> classic = e.getValue().get(RewardModelKind.CLASSIC);
      List<AttackResult> cloud = e.getValue().get(RewardModelKind.CLOUD);
      if (classic == null || cloud == null) {
        continue;
      }
      // Items both models ranked correctly before the attack, in item order.
      List<boolean[]> held = new ArrayList<>();
      for (int i = 0; i < classic.size(); i++) {
        ModelScores k = classic.get(i).target().orElse(null);
        ModelScores c = cloud.get(i).target().orElse(null);
        if (k != null && c != null && correctBefore(k) && correctBefore(c)) {
          held.add(new boolean[] {!k.flipped(), !c.flipped()});
        }
      }
      if (held.size() < 2) {
        continue;
      }
      boolean[] classicHeld = new boolean[held.size()];
      boolean[] cloudHeld = new boolean[held.size()];
      double[] classicSuccess = new double[held.size()];
      double[] cloudSuccess = new double[held.size()];
      for (int i = 0; i < held.size(); i++) {
        classicHeld[i] = held.get(i)[0];
        cloudHeld[i] = held.get(i)[1];
        classicSuccess[i] = classicHeld[i] ? 0 : 1;
        cloudSuccess[i] = cloudHeld[i] ? 0 : 1;
      }
      names.add(e.getKey());
      tests.add(McNemar.of(classicHeld, cloudHeld));
      diffs.add(PairedDifference.wald(cloudSuccess, classicSuccess, config.level()));
    }
    if (tests.isEmpty()) {
      return List.of();
    }
    Holm holm = Holm.adjust(tests.stream().mapToDouble(McNemar::pValue).toArray(), config.alpha());
    List<ModelComparison> out = new ArrayList<>();
    for (int i = 0; i < tests.size(); i++) {
      out.add(
          new ModelComparison(
              names.get(i), familyOf.get(names.get(i)), (int) tests.get(i).n(), diffs.get(i), tests.get(i),
              holm.adjusted().get(i), holm.rejected().get(i)));
    }
    return out;
  }

  private static boolean correctBefore(ModelScores s) {
    return s.referenceReward().isPresent() && s.referenceReward().getAsDouble() > s.rewardBefore();
  }

  private static String statusName(AttackResult r) {
    return r.status().getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
  }

  private static double[] column(List<double[]> rows, int c) {
    double[] out = new double[rows.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = rows.get(i)[c];
    }
    return out;
  }
}
