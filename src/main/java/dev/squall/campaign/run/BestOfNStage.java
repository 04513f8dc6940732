package dev.squall.campaign.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.squall.Seeds;
import dev.squall.SquallException;
import dev.squall.campaign.config.CampaignConfig.DatasetSpec;
import dev.squall.campaign.store.ResultRow;
import dev.squall.eval.bon.BestOfN;
import dev.squall.eval.bon.BestOfNCurve;
import dev.squall.eval.bon.GaoFit;
import dev.squall.eval.bon.GaoFitBootstrap;
import dev.squall.rm.RewardModel;
import dev.squall.rm.RewardResult;
import dev.squall.rm.ScoringRequest;
import dev.squall.stats.Interval;
import dev.squall.world.PreferencePair;
import dev.squall.world.Split;
import dev.squall.world.World;
import dev.squall.world.Worlds;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Best-of-N over-optimisation (issue 5): each prompt gets max(ns) candidates from the stage's
 * {@link CandidateSource} (by default sampled from the campaign's policy, stored so a resume scores
 * the same texts); each reward model (the proxy) scores them all and picks its best among the
 * first N; the world's gold reward ({@link World#goldReward}: 1 correct / 0 wrong, minus a length
 * penalty) scores the pick. The curves of the pick's proxy and gold reward against N and against
 * KL_bon(N) show whether optimising the proxy harder buys gold reward or loses it, and the Gao et
 * al. fit of gold against d = √KL gives α, β and the peak.
 *
 * <p>A row per (model, item): {@code score} is the gold reward of the pick at the largest N;
 * {@code detail} holds every candidate's proxy and gold reward and the pick at the largest N.
 */
final class BestOfNStage extends PairStage {
  private final int[] ns;
  private final World world;
  private final CandidateSource candidates;

  BestOfNStage(String id, DatasetSpec dataset, List<Split> splits, List<String> models, int cap,
      List<Integer> ns, long seed, CandidateSource candidates) {
    super(id, dataset, splits, models, cap, seed);
    this.ns = ns.stream().mapToInt(Integer::intValue).toArray();
    this.world = Worlds.byName(dataset.world().orElseThrow());
    this.candidates = candidates;
  }

  @Override
  public String type() {
    return "best_of_n";
  }

  int[] ns() {
    return ns.clone();
  }

  private int maxN() {
    return Arrays.stream(ns).max().orElseThrow();
  }

  @Override
  public List<ResultRow> process(String modelName, RewardModel model, List<PreferencePair> batch, String split) {
    List<List<String>> cands = candidates.candidates(batch, maxN());
    List<ScoringRequest> reqs = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      for (String t : cands.get(i)) {
        reqs.add(ScoringRequest.of(batch.get(i).prompt(), t));
      }
    }
    List<RewardResult> res = model.scoreAll(reqs);
    List<ResultRow> rows = new ArrayList<>();
    int k = 0;
    for (int i = 0; i < batch.size(); i++) {
      PreferencePair p = batch.get(i);
      List<String> c = cands.get(i);
      List<RewardResult> mine = res.subList(k, k + c.size());
      k += c.size();
      if (mine.stream().anyMatch(RewardResult::isError)) {
        continue; // no row: the item is retried on resume (its candidates are stored)
      }
      ObjectNode d = OodStage.JSON.createObjectNode();
      ArrayNode proxy = d.putArray("proxy");
      ArrayNode gold = d.putArray("gold");
      int best = 0;
      for (int j = 0; j < c.size(); j++) {
        double pr = mine.get(j).reward();
        proxy.add(pr);
        gold.add(world.goldReward(p.prompt(), c.get(j)));
        if (pr > mine.get(best).reward()) {
          best = j;
        }
      }
      d.put("pick", best);
      rows.add(new ResultRow(id, modelName, itemId(p), split, Double.NaN, gold.get(best).asDouble(), d.toString()));
    }
    return rows;
  }

  /** One (model, split)'s stored rewards: {@code proxy[p][k]}, {@code gold[p][k]}. */
  record Rewards(String model, String split, double[][] proxy, double[][] gold) {}

  /** The stored rewards grouped by model (stage order) and split (row order). */
  List<Rewards> rewards(Map<String, List<ResultRow>> rowsByModel) {
    List<Rewards> out = new ArrayList<>();
    for (String m : models) {
      Map<String, List<double[][]>> bySplit = new LinkedHashMap<>();
      for (ResultRow r : rowsByModel.getOrDefault(m, List.of())) {
        JsonNode d;
        try {
          d = OodStage.JSON.readTree(r.detail());
        } catch (IOException e) {
          throw new SquallException("bad best-of-N row " + r.itemId() + ": " + e.getMessage(), e);
        }
        double[] proxy = new double[d.path("proxy").size()];
        double[] gold = new double[proxy.length];
        for (int j = 0; j < proxy.length; j++) {
          proxy[j] = d.get("proxy").get(j).asDouble();
          gold[j] = d.get("gold").get(j).asDouble();
        }
        bySplit.computeIfAbsent(r.split(), s -> new ArrayList<>()).add(new double[][] {proxy, gold});
      }
      bySplit.forEach((split, v) -> out.add(new Rewards(m, split,
          v.stream().map(x -> x[0]).toArray(double[][]::new), v.stream().map(x -> x[1]).toArray(double[][]::new))));
    }
    return out;
  }

  /** The seed of one curve's intervals (the same in summary.json and report.html). */
  long intervalSeed(Rewards r) {
    return Seeds.derive(seed, "intervals", r.model(), r.split());
  }

  /** Whether {@code ns} has the 2 distinct N &gt; 1 that the Gao fit needs. */
  boolean fittable() {
    return Arrays.stream(ns).filter(n -> n > 1).distinct().count() >= 2;
  }

  /** The curve and the Gao fit with its bootstrap intervals of one (model, split); needs {@link #fittable}. */
  BestOfN.Result analyse(Rewards r, double level) {
    return BestOfN.analyse(r.proxy(), r.gold(), ns, level, intervalSeed(r));
  }

  @Override
  public Summary summarize(Map<String, List<ResultRow>> rowsByModel, double level) {
    List<Metric> metrics = new ArrayList<>();
    ObjectNode details = OodStage.JSON.createObjectNode();
    details.put("candidates", candidates.describe());
    ArrayNode curves = details.putArray("curves");
    for (Rewards r : rewards(rowsByModel)) {
      ObjectNode c = curves.addObject().put("model", r.model()).put("split", r.split());
      List<BestOfNCurve> curve;
      if (fittable()) {
        BestOfN.Result res = analyse(r, level);
        curve = res.curve();
        c.set("curve", OodStage.JSON.valueToTree(curve));
        c.set("gao_fit", fitJson(res.goldFit(), res.fitIntervals(), curve));
      } else {
        curve = BestOfN.select(r.proxy(), r.gold(), ns, level, intervalSeed(r));
        c.set("curve", OodStage.JSON.valueToTree(curve));
        c.put("gao_fit_error", "the Gao fit needs at least 2 distinct N > 1, had " + Arrays.toString(ns));
      }
      BestOfNCurve last = curve.get(curve.size() - 1);
      metrics.add(OodStage.metric(id, "bon_gold", r.model(), r.split(), last.gold(), level));
      metrics.add(OodStage.metric(id, "bon_proxy", r.model(), r.split(), last.proxy(), level));
      metrics.add(OodStage.metric(id, "bon_gold_change", r.model(), r.split(),
          BestOfN.goldChange(r.proxy(), r.gold(), ns, 0, ns.length - 1, level, intervalSeed(r)), level));
    }
    return new Summary(metrics, details);
  }

  /** α, β with their bootstrap intervals, and the peak of R(d) = d(α − βd) (null when β ≤ 0). */
  private static ObjectNode fitJson(GaoFit fit, Optional<GaoFitBootstrap> boot, List<BestOfNCurve> curve) {
    ObjectNode f = OodStage.JSON.createObjectNode();
    f.put("alpha", fit.alpha()).put("beta", fit.beta()).put("points", fit.points());
    boot.ifPresent(b -> {
      f.set("alpha_interval", interval(b.alpha()));
      f.set("beta_interval", interval(b.beta()));
      f.put("share_turning_down", b.shareTurningDown());
    });
    ObjectNode peak = f.putObject("peak");
    if (fit.beta() > 0) {
      double maxKl = curve.stream().mapToDouble(BestOfNCurve::kl).max().orElse(0);
      peak.put("d", fit.peakD()).put("kl", fit.peakKl()).put("n", fit.peakN())
          .put("gold_gain", fit.peakReward()).put("within_measured", fit.peakKl() <= maxKl);
    } else {
      peak.putNull("d").putNull("kl").putNull("n").putNull("gold_gain").put("within_measured", false);
    }
    return f;
  }

  private static ObjectNode interval(Interval i) {
    return OodStage.JSON.createObjectNode().put("lower", i.lower()).put("upper", i.upper())
        .put("level", i.level()).put("method", i.method());
  }
}
