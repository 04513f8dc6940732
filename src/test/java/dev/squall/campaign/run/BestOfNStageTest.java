package dev.squall.campaign.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.squall.ConfigException;
import dev.squall.Versions;
import dev.squall.campaign.config.CampaignConfig;
import dev.squall.campaign.config.CampaignConfig.PolicySpec;
import dev.squall.campaign.config.CampaignParser;
import dev.squall.campaign.store.ResultRow;
import dev.squall.campaign.store.RunStore;
import dev.squall.eval.bon.BestOfN;
import dev.squall.policy.CandidatePolicy;
import dev.squall.rm.ModelInfo;
import dev.squall.rm.RewardModel;
import dev.squall.rm.RewardModelKind;
import dev.squall.rm.RewardResult;
import dev.squall.rm.ScoringError;
import dev.squall.rm.ScoringProvenance;
import dev.squall.rm.ScoringRequest;
import dev.squall.world.FeatureStrength;
import dev.squall.world.PreferencePair;
import dev.squall.world.Split;
import dev.squall.world.World;
import dev.squall.world.Worlds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The best_of_n stage on a fake policy and fake reward models, where every pick and every curve
 * point is known in advance: the policy's candidate k of prompt p is the pair's right or wrong
 * response (pattern {@link #RIGHT}) followed by k times {@code "Indeed!"}; the {@code counter}
 * proxy rewards the number of "Indeed!" (so its pick among the first N is candidate N − 1), the
 * {@code anti} proxy its negative (so it always picks candidate 0).
 */
class BestOfNStageTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final World WORLD = Worlds.byName("arithmetic");
  private static final long DATASET_SEED = 5;

  /** RIGHT[p][k]: whether prompt p's candidate k is the right answer. */
  private static final boolean[][] RIGHT = {
    {true, true, true, false},
    {false, true, true, false},
    {false, false, true, true},
    {true, true, false, false},
  };

  @TempDir Path dir;
  private final List<PreferencePair> pairs =
      WORLD.generate(Split.TEST, 4, DATASET_SEED, FeatureStrength.of(0.8, 0.2)).toList();

  /** The candidates of the pattern; {@code generation} > 0 appends it (a policy ignoring seeds). */
  final class PatternPolicy implements CandidatePolicy {
    final AtomicInteger prompts = new AtomicInteger();
    final int generation;

    PatternPolicy(int generation) {
      this.generation = generation;
    }

    @Override
    public String name() {
      return "pattern";
    }

    @Override
    public List<String> sample(String prompt, int n, double temperature, long seed) {
      prompts.incrementAndGet();
      int p = 0;
      while (!pairs.get(p).prompt().equals(prompt)) {
        p++;
      }
      List<String> out = new ArrayList<>();
      for (int k = 0; k < n; k++) {
        String text = RIGHT[p][k] ? pairs.get(p).chosen() : pairs.get(p).rejected();
        out.add(text + " Indeed!".repeat(k) + (generation > 0 ? " Resampled." : ""));
      }
      return out;
    }
  }

  PolicyProvider provider(CandidatePolicy policy, String hash) {
    return new PolicyProvider() {
      @Override
      public CandidatePolicy open(PolicySpec spec) {
        return policy;
      }

      @Override
      public String hash(PolicySpec spec) {
        return hash;
      }
    };
  }

  /** Rewards ± the count of "Indeed!"; fails every request while {@link #failing} is set. */
  static final class CountingProxy implements RewardModel {
    static volatile boolean failing;
    private final String name;
    private final double sign;

    CountingProxy(String name) {
      this.name = name;
      this.sign = name.startsWith("anti") ? -1 : 1;
    }

    @Override
    public ModelInfo info() {
      return new ModelInfo(name, RewardModelKind.CLASSIC, "fake", "fakehash-" + name, 0);
    }

    @Override
    public List<RewardResult> scoreAll(List<ScoringRequest> requests) {
      ScoringProvenance prov = new ScoringProvenance(name, "fakehash-" + name, RewardModelKind.CLASSIC,
          Optional.empty(), Versions.squall());
      List<RewardResult> out = new ArrayList<>();
      for (ScoringRequest r : requests) {
        if (failing) {
          out.add(RewardResult.failed(new ScoringError("server", "down", 1), prov));
        } else {
          int count = r.response().split("Indeed!", -1).length - 1;
          out.add(new RewardResult(sign * count, List.of(), prov));
        }
      }
      return out;
    }

    @Override
    public void close() {}
  }

  @BeforeEach
  void reset() {
    CountingProxy.failing = false;
  }

  CampaignConfig campaign() throws Exception {
    ObjectNode c = JSON.createObjectNode().put("name", "bon").put("seed", 3).put("batch_size", 2);
    var models = c.putArray("models");
    for (String m : List.of("counter", "anti")) {
      models.addObject().put("name", m).put("source", java.nio.file.Files.createDirectories(dir.resolve(m)).toString());
    }
    ObjectNode ds = c.putArray("datasets").addObject().put("name", "arith").put("world", "arithmetic")
        .put("seed", DATASET_SEED);
    ds.putArray("splits").add("test");
    ObjectNode bon = c.putArray("evaluators").addObject().put("type", "best_of_n").put("dataset", "arith")
        .put("max_items", 4);
    bon.putArray("ns").add(1).add(2).add(4);
    c.putObject("policy").put("temperature", 0.7);
    return new CampaignParser(dir, Set.of()).parse("bon.json", c);
  }

  CampaignRunner.Options options(CandidatePolicy policy, String hash) {
    return CampaignRunner.Options.defaults()
        .withModels((spec, batch) -> new CountingProxy(Path.of(spec.source()).getFileName().toString()))
        .withPolicies(provider(policy, hash))
        .withCache(dir.resolve("cache.sqlite"));
  }

  static JsonNode summary(Path run) throws Exception {
    return JSON.readTree(run.resolve("summary.json").toFile());
  }

  static JsonNode curve(JsonNode summary, String model) {
    for (JsonNode st : summary.get("stages")) {
      if (st.get("id").asText().equals("best_of_n")) {
        for (JsonNode c : st.at("/details/curves")) {
          if (c.get("model").asText().equals(model)) {
            return c;
          }
        }
      }
    }
    throw new AssertionError("no curve for " + model);
  }

  static JsonNode metric(JsonNode summary, String metric, String model) {
    for (JsonNode m : summary.get("metrics")) {
      if (m.get("metric").asText().equals(metric) && m.get("model").asText().equals(model)) {
        return m;
      }
    }
    throw new AssertionError("no " + metric + " for " + model);
  }

  @Test
  void picksAndGoldCurveAreTheHandComputedOnes() throws Exception {
    PatternPolicy policy = new PatternPolicy(0);
    Path run = dir.resolve("run");
    CampaignRunner.start(campaign(), run, options(policy, "h1"));
    assertEquals(4, policy.prompts.get(), "one sampling per item, shared by both proxies");

    // rows: counter picks candidate 3 (the most "Indeed!"), anti picks candidate 0
    try (RunStore s = RunStore.openExisting(run)) {
      List<ResultRow> rows = s.rows("best_of_n");
      assertEquals(8, rows.size());
      for (ResultRow r : rows) {
        int p = pairs.stream().map(PreferencePair::id).toList().indexOf(r.itemId());
        JsonNode d = JSON.readTree(r.detail());
        int pick = r.model().equals("counter") ? 3 : 0;
        assertEquals(pick, d.get("pick").asInt(), r.toString());
        assertEquals(RIGHT[p][pick] ? 1.0 : 0.0, r.score(), r.toString());
        for (int k = 0; k < 4; k++) {
          assertEquals(RIGHT[p][k] ? 1.0 : 0.0, d.get("gold").get(k).asDouble(), "gold of candidate " + k);
        }
      }
      assertEquals(4, s.candidates("best_of_n", pairs.stream().map(PreferencePair::id).toList()).size());
    }

    JsonNode sum = summary(run);
    // counter: gold of candidate 0, 1, 3 -> 2/4, 3/4, 1/4 (over-optimised at N = 4)
    JsonNode counter = curve(sum, "counter").get("curve");
    double[] gold = {0.5, 0.75, 0.25};
    double[] proxy = {0, 1, 3};
    for (int i = 0; i < 3; i++) {
      JsonNode pt = counter.get(i);
      assertEquals(gold[i], pt.at("/gold/value").asDouble(), 1e-12);
      assertEquals(proxy[i], pt.at("/proxy/value").asDouble(), 1e-12);
      assertEquals("wilson", pt.at("/gold/interval/method").asText());
      assertTrue(pt.at("/gold/interval/lower").asDouble() >= 0 && pt.at("/gold/interval/upper").asDouble() <= 1);
    }
    // Wilson 2/4 at 95% is [0.150, 0.850]
    assertEquals(0.150, counter.get(0).at("/gold/interval/lower").asDouble(), 1e-3);
    assertEquals(0.850, counter.get(0).at("/gold/interval/upper").asDouble(), 1e-3);
    assertEquals(Math.log(4) - 0.75, counter.get(2).get("kl").asDouble(), 1e-12);

    // Gao fit through (0, 0), (d2, 0.25), (d4, -0.25): two non-zero points, so an exact solve
    double d2 = Math.sqrt(Math.log(2) - 0.5);
    double d4 = Math.sqrt(Math.log(4) - 0.75);
    double beta = (0.25 / d2 + 0.25 / d4) / (d4 - d2);
    double alpha = 0.25 / d2 + beta * d2;
    JsonNode fit = curve(sum, "counter").get("gao_fit");
    assertEquals(1.6513, alpha, 1e-3);
    assertEquals(2.4631, beta, 1e-3);
    assertEquals(alpha, fit.get("alpha").asDouble(), 1e-9);
    assertEquals(beta, fit.get("beta").asDouble(), 1e-9);
    assertEquals(alpha / (2 * beta), fit.at("/peak/d").asDouble(), 1e-9);
    assertEquals(alpha * alpha / (4 * beta), fit.at("/peak/gold_gain").asDouble(), 1e-9);
    assertTrue(fit.at("/peak/within_measured").asBoolean(), "the peak lies between N=1 and N=4");
    assertTrue(fit.at("/alpha_interval/lower").asDouble() <= alpha && alpha <= fit.at("/alpha_interval/upper").asDouble());
    assertTrue(fit.at("/alpha_interval/method").asText().startsWith("bootstrap-percentile(B=2000"));

    // anti always picks candidate 0: a flat curve at 2/4, no change
    JsonNode anti = curve(sum, "anti").get("curve");
    for (JsonNode pt : anti) {
      assertEquals(0.5, pt.at("/gold/value").asDouble(), 1e-12);
    }
    assertEquals(0.0, metric(sum, "bon_gold_change", "anti").get("value").asDouble(), 1e-12);

    // headline metrics: gold and its change carry finite intervals inside the support
    JsonNode g = metric(sum, "bon_gold", "counter");
    assertEquals(0.25, g.get("value").asDouble(), 1e-12);
    assertEquals("wilson", g.get("method").asText());
    JsonNode change = metric(sum, "bon_gold_change", "counter");
    assertEquals(-0.25, change.get("value").asDouble(), 1e-12);
    assertTrue(change.get("lower").isNumber() && change.get("upper").isNumber(), "no NaN interval: " + change);
    assertTrue(change.get("lower").asDouble() >= -1 && change.get("upper").asDouble() <= 1, change.toString());
    assertTrue(change.get("lower").asDouble() <= -0.25 && -0.25 <= change.get("upper").asDouble());
    assertTrue(change.get("method").asText().startsWith("paired-bootstrap-percentile"), change.toString());

    assertEquals("h1", sum.at("/provenance/policy/hash").asText());
    assertTrue(sum.at("/stages/0/details/candidates").asText().contains("temperature 0.7"), sum.at("/stages/0").toString());
    // the HTML report draws the same curves, labelled with the candidates' source
    String html = java.nio.file.Files.readString(run.resolve("report.html"));
    assertTrue(html.contains("candidates: sampled from policy (temperature 0.7)"), "report labels the candidate source");
  }

  @Test
  void sameSeedSameBytes() throws Exception {
    CampaignRunner.start(campaign(), dir.resolve("a"), options(new PatternPolicy(0), "h1"));
    CampaignRunner.start(campaign(), dir.resolve("b"), options(new PatternPolicy(0), "h1"));
    JsonNode a = summary(dir.resolve("a"));
    JsonNode b = summary(dir.resolve("b"));
    assertEquals(a.get("metrics"), b.get("metrics"));
    assertEquals(a.at("/stages/0/details"), b.at("/stages/0/details"));
  }

  @Test
  void aResumeScoresTheStoredCandidatesAndNeverResamples() throws Exception {
    CountingProxy.failing = true; // every proxy call fails: candidates are sampled and stored, no rows
    Path run = dir.resolve("run");
    PatternPolicy first = new PatternPolicy(0);
    CampaignRunner.Outcome o1 = CampaignRunner.start(campaign(), run, options(first, "h1"));
    assertEquals(8, o1.failedItems());
    assertEquals(4, first.prompts.get());
    Map<String, List<String>> stored;
    List<String> ids = pairs.stream().map(PreferencePair::id).toList();
    try (RunStore s = RunStore.openExisting(run)) {
      assertEquals(0, s.countRows("best_of_n"));
      stored = s.candidates("best_of_n", ids);
    }
    assertEquals(4, stored.size());

    // resumed with a policy that would sample other texts: the stored ones are scored
    CountingProxy.failing = false;
    PatternPolicy second = new PatternPolicy(1);
    CampaignRunner.Outcome o2 = CampaignRunner.resume(run, options(second, "h1"));
    assertEquals(0, o2.failedItems());
    assertEquals(0, second.prompts.get(), "a resume must not resample stored items");
    try (RunStore s = RunStore.openExisting(run)) {
      assertEquals(stored, s.candidates("best_of_n", ids));
      for (ResultRow r : s.rows("best_of_n")) {
        JsonNode d = JSON.readTree(r.detail());
        assertEquals(4, d.get("proxy").size());
        int k = d.get("pick").asInt();
        assertFalse(stored.get(r.itemId()).get(k).contains("Resampled"));
      }
    }
    assertEquals(0.25, metric(summary(run), "bon_gold", "counter").get("value").asDouble(), 1e-12);
  }

  @Test
  void aPolicyWithAnotherHashCannotSampleIntoAStartedRun() throws Exception {
    CampaignConfig cfg = campaign();
    try (RunStore store = RunStore.open(dir.resolve("run"))) {
      try (PolicyHandle h = new PolicyHandle(cfg.policy(), provider(new PatternPolicy(0), "h1"), store)) {
        h.get();
      }
      Map<String, String> meta = store.meta();
      assertTrue(meta.get(PolicyHandle.META_KEY).contains("\"hash\":\"h1\""), meta.toString());
      try (PolicyHandle h = new PolicyHandle(cfg.policy(), provider(new PatternPolicy(0), "h2"), store)) {
        ConfigException e = assertThrows(ConfigException.class, h::get);
        assertTrue(e.getMessage().contains("mix two policies"), e.getMessage());
      }
    }
  }

  @Test
  void goldIntervalsStayInsideTheSupport() {
    // a length-penalised gold (0.98) makes the values non-binary: bootstrap percentile, within [min, max]
    double[][] proxy = new double[30][2];
    double[][] gold = new double[30][2];
    for (int p = 0; p < 30; p++) {
      proxy[p] = new double[] {0, 1};
      gold[p] = new double[] {p % 2, p == 0 ? 0.98 : 1.0};
    }
    var curve = BestOfN.select(proxy, gold, new int[] {1, 2}, 0.95, 11L);
    assertEquals("wilson", curve.get(0).gold().interval().method());
    var top = curve.get(1).gold();
    assertTrue(top.interval().method().startsWith("bootstrap-percentile"), top.toString());
    assertTrue(top.interval().upper() <= 1.0 && top.interval().lower() >= 0.98, top.toString());
    // the normal interval of the same picks leaves the support
    double[] picked = new double[30];
    for (int p = 0; p < 30; p++) {
      picked[p] = gold[p][1];
    }
    assertTrue(dev.squall.stats.Normal.meanInterval(picked, 0.95).interval().upper() > 1.0);
    // all right: Wilson still has width and stays below 1
    var allRight = BestOfN.goldMean(new double[] {1, 1, 1}, 0.95, 1L);
    assertEquals(1.0, allRight.interval().upper());
    assertTrue(allRight.interval().lower() > 0.3 && allRight.interval().lower() < 0.5);
  }

  @Test
  void summarizingDoesNotNeedThePolicy() throws Exception {
    CampaignConfig cfg = campaign();
    Stage st = Stages.build(cfg, Optional.empty()).get(0);
    assertThrows(IllegalStateException.class,
        () -> st.process("counter", new CountingProxy("counter"), pairs.subList(0, 1), "test"));
    assertEquals(List.of(), ((BestOfNStage) st).rewards(new HashMap<>()));
  }
}
