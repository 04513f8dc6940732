package dev.squall.campaign.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.squall.Seeds;
import dev.squall.Versions;
import dev.squall.attack.AttackResult;
import dev.squall.attack.AttackResultJson;
import dev.squall.attack.ModelScores;
import dev.squall.attack.recipe.RecipeRegistry;
import dev.squall.campaign.config.CampaignConfig;
import dev.squall.campaign.store.ResultRow;
import dev.squall.campaign.store.RunStore;
import dev.squall.eval.metrics.AttackMetrics;
import dev.squall.eval.metrics.Calibration;
import dev.squall.eval.metrics.MetricId;
import dev.squall.eval.metrics.MetricValue;
import dev.squall.eval.metrics.PairwiseAccuracy;
import dev.squall.eval.metrics.RewardScale;
import dev.squall.eval.metrics.TiePolicy;
import dev.squall.eval.ood.OodConfig;
import dev.squall.eval.ood.OodReport;
import dev.squall.eval.robustness.AttackSummary;
import dev.squall.eval.robustness.FamilySummary;
import dev.squall.eval.robustness.ModelComparison;
import dev.squall.eval.robustness.RobustnessReport;
import dev.squall.report.ExampleSampler;
import dev.squall.report.HtmlReport;
import dev.squall.report.ReportInput;
import dev.squall.rm.RewardModelKind;
import dev.squall.stats.Bootstrap;
import dev.squall.stats.DifferenceInGap;
import dev.squall.stats.Estimate;
import dev.squall.stats.Holm;
import dev.squall.stats.McNemar;
import dev.squall.stats.PairedDifference;
import dev.squall.stats.Proportion;
import dev.squall.world.Split;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the {@link ReportInput} of {@code report.html} from a run store: robustness summaries
 * (per attack × model, per family, classic versus CLoud), the OOD report, best-of-N curves with
 * their Gao fit, model usage, and provenance. The robustness rows are streamed once ({@link RunStore#forEachRow});
 * only a few numbers per row and the example sampler's bounded sample are kept.
 */
final class HtmlReports {
  private HtmlReports() {}

  /** Per (robustness stage, model): what {@code RobustnessEvaluator} summarises, from stored rows. */
  private static final class Acc {
    final List<double[]> rows = new ArrayList<>(); // reference, before, after
    final Map<String, Integer> statuses = new TreeMap<>();
    final Map<String, Integer> effects = new TreeMap<>();
    final Map<String, Boolean> heldIfRightBefore = new TreeMap<>(); // split + item id -> still correct after
    long items;
    long queries;
    long calls;
    long attacked;
    long succeeded;
  }

  static void render(Writer out, RunStore store, CampaignConfig cfg, List<Stage> stages) throws IOException {
    double level = cfg.level();
    Map<String, RewardModelKind> kinds = new LinkedHashMap<>();
    for (RunStore.ModelRow m : store.models()) {
      kinds.put(m.name(), RewardModelKind.valueOf(m.kind().toUpperCase(Locale.ROOT)));
    }
    ExampleSampler sampler = new ExampleSampler();
    Map<String, Stage> robustness = new LinkedHashMap<>();
    stages.stream().filter(s -> s.type().equals("robustness")).forEach(s -> robustness.put(s.id(), s));
    Map<String, Map<String, Acc>> accs = new LinkedHashMap<>();
    robustness.values().forEach(s -> s.models().forEach(
        m -> accs.computeIfAbsent(s.id(), k -> new LinkedHashMap<>()).put(m, new Acc())));
    OodStage oodStage = (OodStage) stages.stream().filter(s -> s.type().equals("ood")).findFirst().orElse(null);
    Map<String, Map<String, Scores>> ood = new LinkedHashMap<>(); // model -> split -> scores
    store.forEachRow(r -> {
      if (oodStage != null && r.stage().equals(oodStage.id())) {
        JsonNode d = Reports.readTree(r.detail());
        ood.computeIfAbsent(r.model(), k -> new LinkedHashMap<>()).computeIfAbsent(r.split(), k -> new Scores())
            .add(r.itemId(), r.credit(), d.path("chosen").asDouble(), d.path("rejected").asDouble());
        return;
      }
      Acc a = accs.getOrDefault(r.stage(), Map.of()).get(r.model());
      if (a == null) {
        return;
      }
      JsonNode d = Reports.readTree(r.detail());
      AttackResult res = asCampaignModel(AttackResultJson.fromJson(d), r.model());
      sampler.accept(res);
      a.items++;
      a.statuses.merge(res.status().id(), 1, Integer::sum);
      a.queries += res.queriesUsed();
      a.calls += res.modelCalls();
      ModelScores t = res.target().orElse(null);
      if (t != null && t.referenceReward().isPresent()) {
        double ref = t.referenceReward().getAsDouble();
        a.rows.add(new double[] {ref, t.rewardBefore(), t.rewardAfter()});
        if (ref > t.rewardBefore()) {
          a.attacked++;
          a.succeeded += t.flipped() ? 1 : 0;
          a.heldIfRightBefore.put(r.split() + "\u0000" + r.itemId(), !t.flipped());
        }
      }
      if (t != null && res.succeeded() && t.kind() == RewardModelKind.CLOUD) {
        a.effects.merge(t.critiqueEffect().name().toLowerCase(Locale.ROOT), 1, Integer::sum);
      }
    });

    ReportInput in = ReportInput.empty().withTitle("Squall report — " + cfg.name()).withResults(List.of());
    if (!robustness.isEmpty()) {
      in = in.withRobustness(robustnessReport(robustness, accs, kinds, level));
    }
    if (oodStage != null) { // the report shows one OOD evaluation: the first
      in = in.withOod(ood(oodStage, ood, kinds, cfg));
    }
    for (Stage s : stages) {
      if (s.type().equals("best_of_n")) {
        in = bestOfN(in, s, store, cfg, stages.stream().filter(x -> x.type().equals("best_of_n")).count() > 1);
      }
    }
    in = in.withProvenance(provenance(store, cfg)).withUsage(UsageSummary.byModel(store));
    HtmlReport.render(in, out, sampler);
  }

  /** The result with its target model named as in the campaign (the stored one is the model's own name). */
  private static AttackResult asCampaignModel(AttackResult r, String name) {
    if (r.models().isEmpty() || r.models().get(0).model().equals(name)) {
      return r;
    }
    List<ModelScores> ms = new ArrayList<>(r.models());
    ModelScores t = ms.get(0);
    ms.set(0, new ModelScores(name, t.kind(), t.target(), t.rewardBefore(), t.rewardAfter(), t.referenceReward(),
        t.critiqueBefore(), t.critiqueAfter(), t.critiqueTruncatedAfter(), t.critiqueEffect()));
    return new AttackResult(r.itemId(), r.attack(), r.seed(), r.status(), r.original(), r.adversarial(), ms, r.budget(),
        r.queriesUsed(), r.modelCalls(), r.candidatesScored(), r.invalidCandidates(), r.rejections(),
        r.rejectionExamples());
  }

  private static RobustnessReport robustnessReport(Map<String, Stage> stages, Map<String, Map<String, Acc>> accs,
      Map<String, RewardModelKind> kinds, double level) {
    RecipeRegistry reg = RecipeRegistry.builtIn();
    List<AttackSummary> attacks = new ArrayList<>();
    Map<String, Map<String, long[]>> familyCounts = new TreeMap<>();
    List<String> names = new ArrayList<>();
    List<String> families = new ArrayList<>();
    List<McNemar> tests = new ArrayList<>();
    List<Estimate> diffs = new ArrayList<>();
    for (Stage st : stages.values()) {
      String attack = st.id().substring(st.id().indexOf('/') + 1);
      String family = reg.all().stream().filter(r -> r.name().equals(attack)).map(r -> r.family().id())
          .findFirst().orElse("unknown");
      String classic = null;
      String cloud = null;
      for (var e : accs.get(st.id()).entrySet()) {
        String model = e.getKey();
        Acc a = e.getValue();
        RewardModelKind kind = kinds.getOrDefault(model, RewardModelKind.CLASSIC);
        classic = classic == null && kind == RewardModelKind.CLASSIC && a.items > 0 ? model : classic;
        cloud = cloud == null && kind == RewardModelKind.CLOUD && a.items > 0 ? model : cloud;
        double[] chosen = a.rows.stream().mapToDouble(x -> x[0]).toArray();
        double[] before = a.rows.stream().mapToDouble(x -> x[1]).toArray();
        double[] after = a.rows.stream().mapToDouble(x -> x[2]).toArray();
        MetricValue asr = null;
        if (a.attacked > 0) { // as the campaign's attack_success_rate metric: Wilson over right-before pairs
          Proportion p = new Proportion(a.succeeded, a.attacked);
          asr = new MetricValue(MetricId.ATTACK_SUCCESS_RATE, p.estimate(), (int) a.attacked, p.wilson(level));
          long[] c = familyCounts.computeIfAbsent(family, k -> new TreeMap<>()).computeIfAbsent(model, k -> new long[2]);
          c[0] += a.succeeded;
          c[1] += a.attacked;
        }
        attacks.add(new AttackSummary(attack, family, model, kind, (int) a.items, asr,
            chosen.length < 2 ? null : AttackMetrics.accuracyDrop(chosen, before, chosen, after, TiePolicy.HALF, level),
            chosen.length < 2 ? null : AttackMetrics.marginChange(chosen, before, chosen, after, level),
            a.statuses, a.effects, a.queries, a.calls));
      }
      if (classic == null || cloud == null) {
        continue;
      }
      // As RobustnessEvaluator: items both models ranked correctly before the attack.
      Map<String, Boolean> k = accs.get(st.id()).get(classic).heldIfRightBefore;
      Map<String, Boolean> c = accs.get(st.id()).get(cloud).heldIfRightBefore;
      List<String> ids = k.keySet().stream().filter(c::containsKey).toList();
      if (ids.size() < 2) {
        continue;
      }
      boolean[] kh = new boolean[ids.size()];
      boolean[] ch = new boolean[ids.size()];
      double[] ks = new double[ids.size()];
      double[] cs = new double[ids.size()];
      for (int i = 0; i < ids.size(); i++) {
        kh[i] = k.get(ids.get(i));
        ch[i] = c.get(ids.get(i));
        ks[i] = kh[i] ? 0 : 1;
        cs[i] = ch[i] ? 0 : 1;
      }
      names.add(attack);
      families.add(family);
      tests.add(McNemar.of(kh, ch));
      diffs.add(PairedDifference.wald(cs, ks, level));
    }
    List<FamilySummary> fams = new ArrayList<>();
    familyCounts.forEach((family, perModel) -> perModel.forEach((model, c) -> {
      Proportion p = new Proportion(c[0], c[1]);
      fams.add(new FamilySummary(family, model,
          new MetricValue(MetricId.ATTACK_SUCCESS_RATE, p.estimate(), (int) c[1], p.wilson(level))));
    }));
    List<ModelComparison> comps = new ArrayList<>();
    if (!tests.isEmpty()) {
      Holm holm = Holm.adjust(tests.stream().mapToDouble(McNemar::pValue).toArray(), 0.05);
      for (int i = 0; i < tests.size(); i++) {
        comps.add(new ModelComparison(names.get(i), families.get(i), (int) tests.get(i).n(), diffs.get(i), tests.get(i),
            holm.adjusted().get(i), holm.rejected().get(i)));
      }
    }
    return new RobustnessReport(attacks, fams, comps, List.of());
  }

  /** One model's stored rewards on one split, in item-id order (rows stream in that order). */
  private static final class Scores {
    final List<String> ids = new ArrayList<>();
    double[] credits = new double[16];
    double[] chosen = new double[16];
    double[] rejected = new double[16];

    void add(String id, double credit, double c, double w) {
      int n = ids.size();
      if (n == credits.length) {
        credits = java.util.Arrays.copyOf(credits, 2 * n);
        chosen = java.util.Arrays.copyOf(chosen, 2 * n);
        rejected = java.util.Arrays.copyOf(rejected, 2 * n);
      }
      credits[n] = credit;
      chosen[n] = c;
      rejected[n] = w;
      ids.add(id);
    }

    OodStage.Credits credits() {
      return new OodStage.Credits(ids, java.util.Arrays.copyOf(credits, ids.size()));
    }

    double[] chosen() {
      return java.util.Arrays.copyOf(chosen, ids.size());
    }

    double[] rejected() {
      return java.util.Arrays.copyOf(rejected, ids.size());
    }

    double[] all() {
      double[] a = java.util.Arrays.copyOf(chosen, ids.size() * 2);
      System.arraycopy(rejected, 0, a, ids.size(), ids.size());
      return a;
    }
  }

  /** The OOD stage's numbers as {@code OodStage.summarize} computes them (same bootstrap seed), plus ECE. */
  private static OodReport ood(OodStage st, Map<String, Map<String, Scores>> scores, Map<String, RewardModelKind> kinds,
      CampaignConfig cfg) {
    double level = cfg.level();
    long seed = Seeds.derive(Seeds.derive(cfg.seed(), "stage", st.id()), "bootstrap", st.id());
    Bootstrap boot = new Bootstrap(1000, seed);
    String classic = null;
    String cloud = null;
    List<String> models = new ArrayList<>();
    for (String m : st.models()) {
      if (scores.containsKey(m)) {
        models.add(m);
        classic = classic == null && kinds.get(m) == RewardModelKind.CLASSIC ? m : classic;
        cloud = cloud == null && kinds.get(m) == RewardModelKind.CLOUD ? m : cloud;
      }
    }
    if (classic != null && cloud != null) { // classic first, then CLoud, as OodReport expects
      models.remove(cloud);
      models.add(models.indexOf(classic) + 1, cloud);
    }
    List<OodReport.ModelResult> results = new ArrayList<>();
    for (String m : models) {
      Map<String, Scores> bySplit = scores.get(m);
      Scores test = bySplit.get("test");
      double idEce = test == null ? Double.NaN : Calibration.of(test.chosen(), test.rejected(), 10).ece();
      List<OodReport.SplitResult> splits = new ArrayList<>();
      List<OodReport.SplitGap> gaps = new ArrayList<>();
      for (String s : st.splits()) {
        Scores sc = bySplit.get(s);
        if (sc == null) {
          continue;
        }
        double ece = Calibration.of(sc.chosen(), sc.rejected(), 10).ece();
        splits.add(new OodReport.SplitResult(Split.fromId(s), PairwiseAccuracy.ofCredits(sc.credits().credits(), level),
            ece, ece - idEce, RewardScale.shift(test == null ? sc.all() : test.all(), sc.all())));
        if (test != null && !s.equals("test")) {
          gaps.add(new OodReport.SplitGap(Split.fromId(s),
              DifferenceInGap.gap(test.credits().credits(), sc.credits().credits(), boot, level)));
        }
      }
      results.add(new OodReport.ModelResult(m, kinds.getOrDefault(m, RewardModelKind.CLASSIC), splits, gaps));
    }
    List<OodReport.SplitComparison> comps = new ArrayList<>();
    List<OodReport.GapDifference> gapDiffs = new ArrayList<>();
    if (classic != null && cloud != null) {
      List<String> ss = new ArrayList<>();
      List<McNemar> tests = new ArrayList<>();
      List<Estimate> diffs = new ArrayList<>();
      for (String s : st.splits()) {
        double[][] ab = OodStage.aligned(credits(scores, cloud, s), credits(scores, classic, s));
        if (ab[0].length > 0) {
          ss.add(s);
          tests.add(McNemar.of(strict(ab[0]), strict(ab[1])));
          diffs.add(PairedDifference.wald(ab[0], ab[1], level));
        }
      }
      if (!ss.isEmpty()) {
        Holm holm = Holm.adjust(tests.stream().mapToDouble(McNemar::pValue).toArray(), 0.05);
        for (int k = 0; k < ss.size(); k++) {
          comps.add(new OodReport.SplitComparison(Split.fromId(ss.get(k)), diffs.get(k), tests.get(k),
              holm.adjusted().get(k), holm.rejected().get(k)));
          if (!ss.get(k).equals("test") && ss.contains("test")) {
            double[][] id0 = OodStage.aligned(credits(scores, cloud, "test"), credits(scores, classic, "test"));
            double[][] od = OodStage.aligned(credits(scores, cloud, ss.get(k)), credits(scores, classic, ss.get(k)));
            gapDiffs.add(new OodReport.GapDifference(Split.fromId(ss.get(k)),
                DifferenceInGap.of(id0[0], id0[1], od[0], od[1], boot, level)));
          }
        }
      }
    }
    return new OodReport(new OodConfig(level, TiePolicy.HALF, 1000, seed, 10, 0.05, Math.max(1, cfg.batchSize())),
        results, comps, gapDiffs);
  }

  private static OodStage.Credits credits(Map<String, Map<String, Scores>> scores, String model, String split) {
    Scores s = scores.getOrDefault(model, Map.of()).get(split);
    return s == null ? null : s.credits();
  }

  private static boolean[] strict(double[] c) {
    boolean[] out = new boolean[c.length];
    for (int i = 0; i < c.length; i++) {
      out[i] = c[i] == 1.0;
    }
    return out;
  }

  /**
   * One curve per (model, split), computed exactly as {@code BestOfNStage.summarize} (same interval
   * seeds); labelled with the candidates' source. A stage whose N values cannot be fitted is left
   * out (summary.json has its curve and the reason).
   */
  private static ReportInput bestOfN(ReportInput in, Stage st, RunStore store, CampaignConfig cfg, boolean prefix) {
    BestOfNStage bon = (BestOfNStage) st;
    if (!bon.fittable()) {
      return in;
    }
    Map<String, List<ResultRow>> byModel = new LinkedHashMap<>();
    for (ResultRow r : store.rows(st.id(), true)) {
      byModel.computeIfAbsent(r.model(), k -> new ArrayList<>()).add(r);
    }
    String source = cfg.evaluators().stream().filter(e -> e.id().equals(st.id())).findFirst()
        .map(e -> e.candidates().equals("pair_phrases") ? "pair_phrases" : PolicyCandidates.describe(cfg.policy()))
        .orElse("");
    for (BestOfNStage.Rewards r : bon.rewards(byModel)) {
      in = in.withBestOfN((prefix ? st.id() + " · " : "") + "proxy " + r.model() + " · " + r.split()
          + " · candidates: " + source, bon.analyse(r, cfg.level()));
    }
    return in;
  }

  private static ReportInput.Provenance provenance(RunStore store, CampaignConfig cfg) {
    Map<String, String> meta = store.meta();
    String json = meta.getOrDefault("campaign_json", "");
    try {
      json = Reports.JSON.writeValueAsString(Reports.readTree(json));
    } catch (IOException | RuntimeException keepRaw) {
      // shown as stored
    }
    Map<String, Long> seeds = new LinkedHashMap<>();
    seeds.put("campaign", cfg.seed());
    seeds.put("examples sampler", ExampleSampler.DEFAULT_SEED);
    Map<String, String> models = new LinkedHashMap<>();
    store.models().forEach(m -> models.put(m.name() + " (" + m.source() + ", " + m.kind().toLowerCase(Locale.ROOT) + ")",
        m.modelHash()));
    Map<String, String> datasets = new LinkedHashMap<>();
    store.datasets().forEach(d -> datasets.putIfAbsent(d.dataset() + "/" + d.split() + " (" + d.items() + " items)",
        d.sha256()));
    Map<String, String> versions = new LinkedHashMap<>();
    Reports.readTree(meta.getOrDefault("versions", "{}")).fields()
        .forEachRemaining(e -> versions.put(e.getKey(), e.getValue().asText()));
    if (versions.isEmpty()) {
      versions.putAll(Versions.all());
    }
    Instant started = instant(meta.get("created"));
    Duration run = Duration.ZERO;
    List<RunStore.SessionRow> sessions = store.sessions();
    for (RunStore.SessionRow s : sessions) {
      Instant a = instant(s.started());
      Instant b = instant(s.finished());
      if (b == null && s == sessions.get(sessions.size() - 1)) {
        b = Instant.now(); // the session writing this report
      }
      if (a != null && b != null) {
        run = run.plus(Duration.between(a, b));
      }
    }
    return new ReportInput.Provenance(json, seeds, models, datasets, versions, started, run.isZero() ? null : Duration.ofSeconds(Math.round(run.toMillis() / 1000.0)));
  }

  private static Instant instant(String s) {
    try {
      return s == null ? null : Instant.parse(s);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
