package dev.squall.campaign.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.squall.Seeds;
import dev.squall.campaign.config.CampaignConfig.DatasetSpec;
import dev.squall.campaign.store.ResultRow;
import dev.squall.eval.metrics.MetricValue;
import dev.squall.eval.metrics.PairwiseAccuracy;
import dev.squall.eval.metrics.TiePolicy;
import dev.squall.rm.RewardModel;
import dev.squall.rm.RewardResult;
import dev.squall.rm.ScoringRequest;
import dev.squall.stats.Bootstrap;
import dev.squall.stats.DifferenceInGap;
import dev.squall.stats.Estimate;
import dev.squall.stats.Holm;
import dev.squall.stats.McNemar;
import dev.squall.stats.PairedDifference;
import dev.squall.world.PreferencePair;
import dev.squall.world.Split;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Pairwise accuracy per split (Wilson interval), the gap test − split per model (bootstrap), and
 * for every two models: paired accuracy difference (Wald), exact McNemar with Holm over splits,
 * and the difference in gap. Each item is one pair scored as two requests; ties earn ½.
 */
final class OodStage extends PairStage {
  static final ObjectMapper JSON = new ObjectMapper();

  OodStage(String id, DatasetSpec dataset, List<Split> splits, List<String> models, int cap, long seed) {
    super(id, dataset, splits, models, cap, seed);
  }

  @Override
  public String type() {
    return "ood";
  }

  @Override
  public List<ResultRow> process(String modelName, RewardModel model, List<PreferencePair> batch, String split) {
    List<ScoringRequest> reqs = new ArrayList<>(batch.size() * 2);
    for (PreferencePair p : batch) {
      reqs.add(ScoringRequest.of(p.prompt(), p.chosen()));
      reqs.add(ScoringRequest.of(p.prompt(), p.rejected()));
    }
    List<RewardResult> r = model.scoreAll(reqs);
    List<ResultRow> rows = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      if (r.get(2 * i).isError() || r.get(2 * i + 1).isError()) {
        continue; // no row: the item is retried on resume
      }
      double c = r.get(2 * i).reward();
      double w = r.get(2 * i + 1).reward();
      ObjectNode d = JSON.createObjectNode().put("chosen", c).put("rejected", w);
      rows.add(new ResultRow(id, modelName, itemId(batch.get(i)), split,
          TiePolicy.HALF.credit(c, w), c - w, d.toString()));
    }
    return rows;
  }

  @Override
  public boolean summaryNeedsDetail() {
    return false;
  }

  /** One model's credits on one split, sorted by item id (rows arrive in item-id order). */
  record Credits(List<String> ids, double[] credits) {}

  @Override
  public Summary summarize(Map<String, List<ResultRow>> rowsByModel, double level) {
    List<Metric> metrics = new ArrayList<>();
    ObjectNode details = JSON.createObjectNode();
    Bootstrap boot = new Bootstrap(1000, Seeds.derive(seed, "bootstrap", id));
    Map<String, Map<String, Credits>> credits = new LinkedHashMap<>();
    for (String m : models) {
      Map<String, Credits> bySplit = new LinkedHashMap<>();
      List<ResultRow> rows = rowsByModel.getOrDefault(m, List.of());
      for (String s : splits()) {
        int n = 0;
        for (ResultRow r : rows) {
          n += r.split().equals(s) ? 1 : 0;
        }
        List<String> ids = new ArrayList<>(n);
        double[] c = new double[n];
        for (ResultRow r : rows) {
          if (r.split().equals(s)) {
            c[ids.size()] = r.credit();
            ids.add(r.itemId());
          }
        }
        bySplit.put(s, new Credits(ids, c));
      }
      credits.put(m, bySplit);
      for (String s : splits()) {
        double[] c = values(bySplit.get(s));
        if (c.length == 0) {
          continue;
        }
        MetricValue acc = PairwiseAccuracy.ofCredits(c, level);
        metrics.add(new Metric(id, "ood_accuracy", m, s, "", acc.value(), acc.interval().lower(),
            acc.interval().upper(), level, c.length, acc.interval().method()));
        double[] t = values(bySplit.get("test"));
        if (!s.equals("test") && t.length > 0) {
          Estimate g = DifferenceInGap.gap(t, c, boot, level);
          metrics.add(metric(id, "ood_gap", m, s, g, level));
        }
      }
    }
    ArrayNode comps = details.putArray("comparisons");
    for (int i = 0; i < models.size(); i++) {
      for (int j = i + 1; j < models.size(); j++) {
        String a = models.get(j);
        String b = models.get(i);
        List<String> ss = new ArrayList<>();
        List<McNemar> tests = new ArrayList<>();
        List<Estimate> diffs = new ArrayList<>();
        for (String s : splits()) {
          double[][] ab = aligned(credits.get(a).get(s), credits.get(b).get(s));
          if (ab[0].length == 0) {
            continue;
          }
          ss.add(s);
          tests.add(McNemar.of(strict(ab[0]), strict(ab[1])));
          diffs.add(PairedDifference.wald(ab[0], ab[1], level));
        }
        if (ss.isEmpty()) {
          continue;
        }
        Holm holm = Holm.adjust(tests.stream().mapToDouble(McNemar::pValue).toArray(), 0.05);
        for (int k = 0; k < ss.size(); k++) {
          ObjectNode c = comps.addObject();
          c.put("a", a).put("b", b).put("split", ss.get(k));
          c.set("accuracy_difference", JSON.valueToTree(diffs.get(k)));
          c.set("mcnemar", JSON.valueToTree(tests.get(k)));
          c.put("holm_adjusted_p", holm.adjusted().get(k));
          c.put("holm_rejected", holm.rejected().get(k));
          if (!ss.get(k).equals("test") && ss.contains("test")) {
            double[][] id0 = aligned(credits.get(a).get("test"), credits.get(b).get("test"));
            double[][] od = aligned(credits.get(a).get(ss.get(k)), credits.get(b).get(ss.get(k)));
            c.set("difference_in_gap",
                JSON.valueToTree(DifferenceInGap.of(id0[0], id0[1], od[0], od[1], boot, level)));
          }
        }
      }
    }
    return new Summary(metrics, details);
  }

  static Metric metric(String stage, String name, String model, String split, Estimate e, double level) {
    return new Metric(stage, name, model, split, "", e.value(), e.interval().lower(), e.interval().upper(),
        level, e.n(), e.interval().method());
  }

  private static double[] values(Credits c) {
    return c == null ? new double[0] : c.credits();
  }

  private static boolean[] strict(double[] c) {
    boolean[] out = new boolean[c.length];
    for (int i = 0; i < c.length; i++) {
      out[i] = c[i] == 1.0;
    }
    return out;
  }

  /** The credits of items both models have, in item order (a merge of two sorted lists). */
  static double[][] aligned(Credits a, Credits b) {
    if (a == null || b == null) {
      return new double[2][0];
    }
    double[] x = new double[Math.min(a.ids().size(), b.ids().size())];
    double[] y = new double[x.length];
    int n = 0;
    for (int i = 0, j = 0; i < a.ids().size() && j < b.ids().size(); ) {
      int cmp = a.ids().get(i).compareTo(b.ids().get(j));
      if (cmp == 0) {
        x[n] = a.credits()[i++];
        y[n++] = b.credits()[j++];
      } else if (cmp < 0) {
        i++;
      } else {
        j++;
      }
    }
    return new double[][] {java.util.Arrays.copyOf(x, n), java.util.Arrays.copyOf(y, n)};
  }
}
