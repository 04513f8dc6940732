package dev.squall.campaign.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.squall.SquallException;
import dev.squall.campaign.config.CampaignConfig;
import dev.squall.campaign.config.CampaignConfig.Threshold;
import dev.squall.campaign.store.ResultRow;
import dev.squall.campaign.store.RunStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Computes every metric from a run store's rows and writes the outputs of the run directory:
 * {@code summary.json} (schema {@code squall.summary/1}, docs/summary-schema.md), {@code
 * results.jsonl} (one line per stored row), {@code junit.xml} (one test case per threshold) and
 * {@code report.html} (the HTML report, {@link HtmlReports}).
 * Each file is written to a temporary file and moved into place.
 */
public final class Reports {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** A threshold's verdict. */
  public record Verdict(Threshold threshold, Metric metric, boolean passed, String message) {}

  /** What was written. */
  public record Result(ObjectNode summary, List<Metric> metrics, List<Verdict> verdicts) {
    public boolean allMet() {
      return verdicts.stream().allMatch(Verdict::passed);
    }
  }

  private Reports() {}

  /** Recomputes and writes the outputs of the run in {@code runDir} from its store. */
  public static Result write(Path runDir, RunStore store) {
    CampaignConfig cfg = CampaignRunner.storedConfig(store);
    List<Stage> stages = Stages.build(cfg, CampaignRunner.storedMaxItems(store));
    List<Metric> metrics = new ArrayList<>();
    ObjectNode summary = JSON.createObjectNode();
    Map<String, String> meta = store.meta();
    summary.put("schema", "squall.summary/1");
    summary.put("campaign", cfg.name());
    summary.put("run", runDir.toAbsolutePath().getFileName().toString());
    summary.put("status", meta.getOrDefault("status", "unknown"));
    summary.put("failed_items", Long.parseLong(meta.getOrDefault("failed_items", "0")));
    summary.put("created", meta.get("created"));
    summary.put("finished", meta.get("finished"));
    summary.put("generated", Instant.now().toString());
    ObjectNode prov = summary.putObject("provenance");
    prov.put("campaign_sha256", meta.get("campaign_sha256"));
    prov.put("seed", cfg.seed());
    prov.put("shard", meta.get("shard"));
    prov.put("max_items_override", meta.get("max_items_override"));
    prov.put("cache_file", meta.get("cache_file"));
    prov.set("versions", readTree(meta.getOrDefault("versions", "{}")));
    prov.set("models", JSON.valueToTree(store.models()));
    if (meta.containsKey(PolicyHandle.META_KEY)) { // set when a best-of-N stage sampled from the policy
      prov.set("policy", readTree(meta.get(PolicyHandle.META_KEY)));
    }
    if (meta.containsKey(CampaignRunner.ATTACK_POLICY_META)) { // set when an attack sampled from it
      prov.set("attack_policy", readTree(meta.get(CampaignRunner.ATTACK_POLICY_META)));
    }
    prov.set("datasets", JSON.valueToTree(store.datasets()));
    prov.set("campaign", readTree(meta.get("campaign_json")));
    long calls = 0;
    long hits = 0;
    for (var s : store.sessions()) {
      calls += s.modelCalls();
      hits += s.cacheHits();
    }
    summary.putObject("calls").put("model_calls", calls).put("cache_hits", hits)
        .put("sessions", store.sessions().size());
    summary.set("sessions", JSON.valueToTree(store.sessions()));
    summary.set("usage", UsageSummary.json(UsageSummary.byModel(store)));
    ArrayNode stageNodes = summary.putArray("stages");
    for (Stage st : stages) {
      Map<String, List<ResultRow>> byModel = new LinkedHashMap<>();
      List<ResultRow> rows = store.rows(st.id(), st.summaryNeedsDetail());
      for (ResultRow r : rows) {
        byModel.computeIfAbsent(r.model(), k -> new ArrayList<>()).add(r);
      }
      Stage.Summary s = st.summarize(byModel, cfg.level());
      metrics.addAll(s.metrics());
      ObjectNode sn = stageNodes.addObject();
      sn.put("id", st.id()).put("type", st.type()).put("rows", rows.size());
      sn.set("models", JSON.valueToTree(st.models()));
      sn.set("splits", JSON.valueToTree(st.splits()));
      sn.set("details", s.details());
    }
    summary.set("metrics", JSON.valueToTree(metrics));
    summary.set("robustness_comparisons", robustnessComparisons(store, stages, cfg.level()));
    List<Verdict> verdicts = new ArrayList<>();
    for (Threshold t : cfg.thresholds()) {
      verdicts.add(judge(t, metrics));
    }
    ArrayNode th = summary.putArray("thresholds");
    for (Verdict v : verdicts) {
      ObjectNode n = th.addObject();
      n.put("name", v.threshold().caseName());
      ObjectNode tn = n.putObject("threshold");
      Threshold t = v.threshold();
      tn.put("metric", t.metric()).put("model", t.model());
      t.split().ifPresent(x -> tn.put("split", x));
      t.stage().ifPresent(x -> tn.put("stage", x));
      t.attack().ifPresent(x -> tn.put("attack", x));
      t.min().ifPresent(x -> tn.put("min", x));
      t.max().ifPresent(x -> tn.put("max", x));
      n.set("metric", v.metric() == null ? null : JSON.valueToTree(v.metric()));
      n.put("passed", v.passed());
      n.put("message", v.message());
    }
    summary.put("all_thresholds_met", verdicts.stream().allMatch(Verdict::passed));
    try {
      write(runDir.resolve("summary.json"), w -> w.write(JSON.writeValueAsString(summary)));
      ObjectMapper compact = new ObjectMapper();
      write(runDir.resolve("results.jsonl"), w -> {
        IOException[] failed = {null};
        store.forEachRow(r -> {
          try {
            ObjectNode n = compact.createObjectNode();
            n.put("stage", r.stage()).put("model", r.model()).put("item_id", r.itemId()).put("split", r.split());
            if (Double.isNaN(r.credit())) {
              n.putNull("credit");
            } else {
              n.put("credit", r.credit());
            }
            n.put("score", r.score());
            n.set("detail", compact.readTree(r.detail()));
            w.write(compact.writeValueAsString(n));
            w.write('\n');
          } catch (IOException e) {
            failed[0] = e;
          }
        });
        if (failed[0] != null) {
          throw failed[0];
        }
      });
      write(runDir.resolve("junit.xml"), w -> w.write(junit(cfg.name(), verdicts)));
      write(runDir.resolve("report.html"), w -> HtmlReports.render(w, store, cfg, stages));
    } catch (IOException e) {
      throw new SquallException("cannot write outputs to " + runDir + ": " + e.getMessage(), e);
    }
    return new Result(summary, metrics, verdicts);
  }

  /**
   * For each robustness evaluator and each two models (a = later, b = earlier in the campaign):
   * per attack, exact McNemar on per-item correctness after the attack and the paired Wald interval
   * of a − b robust accuracy; Holm across the evaluator's attacks (α = 0.05).
   */
  static ArrayNode robustnessComparisons(RunStore store, List<Stage> stages, double level) {
    ArrayNode out = JSON.createArrayNode();
    Map<String, List<Stage>> byEvaluator = new LinkedHashMap<>();
    for (Stage st : stages) {
      if (st.type().equals("robustness")) {
        byEvaluator.computeIfAbsent(st.id().substring(0, st.id().indexOf('/')), k -> new ArrayList<>()).add(st);
      }
    }
    for (var e : byEvaluator.entrySet()) {
      List<String> models = e.getValue().get(0).models();
      for (int i = 0; i < models.size(); i++) {
        for (int j = i + 1; j < models.size(); j++) {
          String a = models.get(j);
          String b = models.get(i);
          List<ObjectNode> nodes = new ArrayList<>();
          List<Double> ps = new ArrayList<>();
          for (Stage st : e.getValue()) {
            Map<String, Double> ca = new java.util.TreeMap<>();
            Map<String, Double> cb = new java.util.TreeMap<>();
            for (ResultRow r : store.rows(st.id(), false)) {
              if (!Double.isNaN(r.credit())) {
                (r.model().equals(a) ? ca : r.model().equals(b) ? cb : new java.util.HashMap<String, Double>())
                    .put(r.split() + "\u0000" + r.itemId(), r.credit());
              }
            }
            List<String> ids = ca.keySet().stream().filter(cb::containsKey).toList();
            if (ids.isEmpty()) {
              continue;
            }
            double[] xa = ids.stream().mapToDouble(ca::get).toArray();
            double[] xb = ids.stream().mapToDouble(cb::get).toArray();
            boolean[] sa = new boolean[xa.length];
            boolean[] sb = new boolean[xb.length];
            for (int k = 0; k < xa.length; k++) {
              sa[k] = xa[k] == 1.0;
              sb[k] = xb[k] == 1.0;
            }
            var m = dev.squall.stats.McNemar.of(sa, sb);
            ObjectNode n = JSON.createObjectNode();
            n.put("evaluator", e.getKey()).put("stage", st.id()).put("attack", st.id().substring(st.id().indexOf('/') + 1))
                .put("a", a).put("b", b).put("items", ids.size());
            n.set("robust_accuracy_difference", JSON.valueToTree(dev.squall.stats.PairedDifference.wald(xa, xb, level)));
            n.set("mcnemar", JSON.valueToTree(m));
            nodes.add(n);
            ps.add(m.pValue());
          }
          if (nodes.isEmpty()) {
            continue;
          }
          var holm = dev.squall.stats.Holm.adjust(ps.stream().mapToDouble(Double::doubleValue).toArray(), 0.05);
          for (int k = 0; k < nodes.size(); k++) {
            nodes.get(k).put("holm_adjusted_p", holm.adjusted().get(k)).put("holm_rejected", holm.rejected().get(k));
            out.add(nodes.get(k));
          }
        }
      }
    }
    return out;
  }

  /** Decides a threshold on the interval bound (the estimate when a metric has no interval). */
  static Verdict judge(Threshold t, List<Metric> metrics) {
    Metric m = metrics.stream().filter(x -> matches(t, x)).findFirst().orElse(null);
    if (m == null) {
      return new Verdict(t, null, false, t.caseName() + ": metric not produced (no rows for it)");
    }
    String est = String.format(Locale.ROOT, "%s = %.4f [%.4f, %.4f] (%.0f%% %s, n=%d)", t.metric(), m.value(),
        m.lower(), m.upper(), 100 * m.level(), m.method(), m.n());
    if (t.min().isPresent()) {
      double bound = Double.isNaN(m.lower()) ? m.value() : m.lower();
      boolean ok = bound >= t.min().get();
      return new Verdict(t, m, ok, est + (ok ? ": lower bound " : ": lower bound ")
          + String.format(Locale.ROOT, "%.4f %s min %s", bound, ok ? ">=" : "<", t.min().get()));
    }
    double bound = Double.isNaN(m.upper()) ? m.value() : m.upper();
    boolean ok = bound <= t.max().get();
    return new Verdict(t, m, ok, est + String.format(Locale.ROOT, ": upper bound %.4f %s max %s", bound,
        ok ? "<=" : ">", t.max().get()));
  }

  private static boolean matches(Threshold t, Metric m) {
    return m.metric().equals(t.metric()) && m.model().equals(t.model())
        && t.split().map(s -> s.equals(m.split())).orElse(true)
        && t.attack().map(a -> a.equals(m.attack())).orElse(true)
        && t.stage().map(s -> m.stage().equals(s) || m.stage().startsWith(s + "/")).orElse(true);
  }

  static String junit(String campaign, List<Verdict> verdicts) {
    long failures = verdicts.stream().filter(v -> !v.passed()).count();
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    b.append("<testsuite name=\"squall.").append(xml(campaign)).append("\" tests=\"").append(verdicts.size())
        .append("\" failures=\"").append(failures).append("\" errors=\"0\" skipped=\"0\">\n");
    for (Verdict v : verdicts) {
      b.append("  <testcase classname=\"squall.").append(xml(campaign)).append('.')
          .append(xml(v.threshold().stage().orElse(v.threshold().metric()))).append("\" name=\"")
          .append(xml(v.threshold().caseName())).append("\"");
      if (v.passed()) {
        b.append(">\n    <system-out>").append(xml(v.message())).append("</system-out>\n  </testcase>\n");
      } else {
        b.append(">\n    <failure type=\"ThresholdNotMet\" message=\"").append(xml(v.message())).append("\">")
            .append(xml(v.message())).append("</failure>\n  </testcase>\n");
      }
    }
    return b.append("</testsuite>\n").toString();
  }

  static String xml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  /** The summary table printed at the end of a run. */
  public static void printTable(Result r, PrintWriter out) {
    out.printf(Locale.ROOT, "%-32s %-20s %-10s %-14s %8s  %-19s %6s%n", "stage", "metric", "model", "split", "value",
        "interval", "n");
    for (Metric m : r.metrics()) {
      out.printf(Locale.ROOT, "%-32s %-20s %-10s %-14s %8.4f  [%7.4f, %7.4f] %6d%n", m.stage(), m.metric(), m.model(),
          m.split(), m.value(), m.lower(), m.upper(), m.n());
    }
    JsonNode usage = r.summary().path("usage").path("models");
    if (usage.isArray() && usage.size() > 0) {
      out.println();
      for (JsonNode m : usage) {
        if (!m.path("metered").asBoolean()) {
          out.printf(Locale.ROOT, "usage %-10s not metered%n", m.path("model").asText());
          continue;
        }
        String cost = m.path("cost").isNumber()
            ? String.format(Locale.ROOT, "%.6f %s", m.path("cost").asDouble(), m.path("currency").asText())
            : m.path("where").asText().equals("local") ? "local (no cost)" : "cost: no complete prices";
        out.printf(Locale.ROOT, "usage %-10s %-12s %,8d requests (%d failed)  %,12d prompt + %,10d completion tokens  %s%n",
            m.path("model").asText(), m.path("where").asText(), m.path("requests").asLong(), m.path("failed_calls").asLong(),
            m.path("prompt_tokens").asLong(), m.path("completion_tokens").asLong(), cost);
      }
    }
    if (!r.verdicts().isEmpty()) {
      out.println();
      for (Verdict v : r.verdicts()) {
        out.println((v.passed() ? "PASS " : "FAIL ") + v.threshold().caseName() + "  " + v.message());
      }
    }
    out.flush();
  }

  private interface Body {
    void write(BufferedWriter w) throws IOException;
  }

  private static void write(Path file, Body body) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      body.write(w);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static JsonNode readTree(String s) {
    try {
      return s == null ? null : JSON.readTree(s);
    } catch (IOException e) {
      throw new SquallException("bad JSON in the run store", e);
    }
  }
}
