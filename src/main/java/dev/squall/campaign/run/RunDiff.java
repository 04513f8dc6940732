package dev.squall.campaign.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.squall.campaign.store.ResultRow;
import dev.squall.campaign.store.RunStore;
import dev.squall.stats.Estimate;
import dev.squall.stats.McNemar;
import dev.squall.stats.PairedDifference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares the same items across two runs: for each (stage, model) both runs have, the items in
 * both, per-item correctness A versus B (exact McNemar; b = right in A only = regressions, c =
 * right in B only = fixes), the paired difference of credit B − A with a paired Wald interval, and
 * the regressed and fixed item ids. For rows without a credit (best-of-N), the paired difference of
 * the per-item score.
 */
public final class RunDiff {
  private RunDiff() {}

  /** One (stage, model) comparison. */
  public record Entry(
      String stage, String model, long common, long onlyA, long onlyB, String measure, Estimate difference,
      McNemar mcNemar, List<String> regressed, List<String> fixed, boolean significantRegression) {}

  /** Compares every (stage, model) of A with B at confidence {@code level}, significance {@code alpha}. */
  public static List<Entry> compare(RunStore a, RunStore b, double level, double alpha) {
    Map<String, Map<String, ResultRow>> ra = byKey(a);
    Map<String, Map<String, ResultRow>> rb = byKey(b);
    List<Entry> out = new ArrayList<>();
    for (var e : ra.entrySet()) {
      Map<String, ResultRow> ia = e.getValue();
      Map<String, ResultRow> ib = rb.get(e.getKey());
      if (ib == null) {
        continue;
      }
      List<String> ids = ia.keySet().stream().filter(ib::containsKey).sorted().toList();
      if (ids.isEmpty()) {
        continue;
      }
      boolean credit = ids.stream().allMatch(id -> !Double.isNaN(ia.get(id).credit()) && !Double.isNaN(ib.get(id).credit()));
      double[] xa = new double[ids.size()];
      double[] xb = new double[ids.size()];
      boolean[] ca = new boolean[ids.size()];
      boolean[] cb = new boolean[ids.size()];
      List<String> regressed = new ArrayList<>();
      List<String> fixed = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        ResultRow x = ia.get(ids.get(i));
        ResultRow y = ib.get(ids.get(i));
        xa[i] = credit ? x.credit() : x.score();
        xb[i] = credit ? y.credit() : y.score();
        ca[i] = x.correct();
        cb[i] = y.correct();
        if (credit && ca[i] && !cb[i]) {
          regressed.add(ids.get(i));
        } else if (credit && !ca[i] && cb[i]) {
          fixed.add(ids.get(i));
        }
      }
      McNemar m = credit ? McNemar.of(ca, cb) : null;
      Estimate d = PairedDifference.wald(xb, xa, level);
      boolean sig = m != null && m.b() > m.c() && m.pValue() < alpha;
      String[] sm = e.getKey().split("\u0000");
      out.add(new Entry(sm[0], sm[1], ids.size(), ia.size() - ids.size(), ib.size() - ids.size(),
          credit ? "credit" : "score", d, m, regressed, fixed, sig));
    }
    return out;
  }

  private static Map<String, Map<String, ResultRow>> byKey(RunStore s) {
    Map<String, Map<String, ResultRow>> out = new TreeMap<>();
    s.forEachRow(r -> out.computeIfAbsent(r.stage() + "\u0000" + r.model(), k -> new LinkedHashMap<>()).put(r.itemId(), r));
    return out;
  }

  /** A text report. */
  public static String format(List<Entry> entries, int maxIds) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%-28s %-10s %7s %-7s %9s  %-21s %6s %6s %9s%n", "stage", "model", "items",
        "measure", "B-A", "interval", "A-only", "B-only", "McNemar p"));
    for (Entry e : entries) {
      b.append(String.format(Locale.ROOT, "%-28s %-10s %7d %-7s %+9.4f  [%+8.4f, %+8.4f] %6s %6s %9s%s%n", e.stage(),
          e.model(), e.common(), e.measure(), e.difference().value(), e.difference().interval().lower(),
          e.difference().interval().upper(), e.mcNemar() == null ? "-" : Long.toString(e.mcNemar().b()),
          e.mcNemar() == null ? "-" : Long.toString(e.mcNemar().c()),
          e.mcNemar() == null ? "-" : String.format(Locale.ROOT, "%.4g", e.mcNemar().pValue()),
          e.significantRegression() ? "  REGRESSION" : ""));
      if (!e.regressed().isEmpty()) {
        b.append("    regressed: ").append(String.join(", ", e.regressed().subList(0, Math.min(maxIds, e.regressed().size()))))
            .append(e.regressed().size() > maxIds ? " ... (" + e.regressed().size() + ")" : "").append('\n');
      }
      if (!e.fixed().isEmpty()) {
        b.append("    fixed:     ").append(String.join(", ", e.fixed().subList(0, Math.min(maxIds, e.fixed().size()))))
            .append(e.fixed().size() > maxIds ? " ... (" + e.fixed().size() + ")" : "").append('\n');
      }
    }
    return b.toString();
  }

  /** As JSON. */
  public static ArrayNode toJson(List<Entry> entries) {
    ArrayNode a = Reports.JSON.createArrayNode();
    for (Entry e : entries) {
      ObjectNode n = a.addObject();
      n.put("stage", e.stage()).put("model", e.model()).put("common", e.common()).put("only_a", e.onlyA())
          .put("only_b", e.onlyB()).put("measure", e.measure());
      n.set("difference_b_minus_a", Reports.JSON.valueToTree(e.difference()));
      n.set("mcnemar", e.mcNemar() == null ? null : Reports.JSON.valueToTree(e.mcNemar()));
      n.set("regressed", Reports.JSON.valueToTree(e.regressed()));
      n.set("fixed", Reports.JSON.valueToTree(e.fixed()));
      n.put("significant_regression", e.significantRegression());
    }
    return a;
  }
}
