package dev.squall.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.squall.campaign.cli.CampaignCommands;
import dev.squall.campaign.run.RunDiff;
import dev.squall.campaign.store.ResultRow;
import dev.squall.campaign.store.RunStore;
import dev.squall.cli.SquallCli;
import dev.squall.world.ArithmeticWorld;
import dev.squall.world.FeatureStrength;
import dev.squall.world.Split;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CampaignRunTest {
  @TempDir Path dir;
  Path oracle;
  Path oracle2;
  Path flipper;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  @BeforeEach
  void setUp() throws Exception {
    oracle = FakeModels.folder(dir, "oracle");
    oracle2 = FakeModels.folder(dir, "oracle2");
    flipper = FakeModels.folder(dir, "flipper");
    CampaignCommands.modelProvider = FakeModels.provider(0);
    FakeModels.CALLS.set(0);
  }

  @AfterEach
  void tearDown() {
    CampaignCommands.modelProvider = dev.squall.campaign.run.ModelProvider.local();
  }

  int squall(String... args) {
    return SquallCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  static List<String> rows(Path run) {
    List<String> out = new ArrayList<>();
    try (RunStore s = RunStore.openExisting(run)) {
      s.forEachRow(r -> out.add(String.join("|", r.stage(), r.model(), r.itemId(), r.split(),
          Double.toString(r.credit()), Double.toString(r.score()), r.detail())));
    }
    return out;
  }

  @Test
  void aRunWritesTheStoreAndOutputsAndARerunMakesZeroModelCalls() throws Exception {
    Path f = Campaigns.write(dir, "c.json", Campaigns.campaign(oracle, oracle2, 24, true));
    Path runs = dir.resolve("reports");
    assertEquals(0, squall("run", f.toString(), "--out", runs.resolve("a").toString()), err.toString());
    long first = FakeModels.CALLS.get();
    // 2 models x (2 splits x 24 pairs x 2 responses + 10 prompts x 4 candidates) distinct requests at most
    assertTrue(first > 0 && first <= 2 * (2 * 24 * 2 + 10 * 4), "calls " + first);
    Path a = runs.resolve("a");
    for (String f2 : List.of("run.sqlite", "summary.json", "results.jsonl", "junit.xml")) {
      assertTrue(Files.isRegularFile(a.resolve(f2)), f2);
    }
    assertEquals(2 * 2 * 24 + 2 * 10, rows(a).size());
    assertEquals(rows(a).size(), Files.readAllLines(a.resolve("results.jsonl")).size());
    JsonNode s = Campaigns.JSON.readTree(a.resolve("summary.json").toFile());
    assertEquals("squall.summary/1", s.get("schema").asText());
    assertTrue(s.get("all_thresholds_met").asBoolean());
    assertEquals(first, s.at("/calls/model_calls").asLong());
    assertEquals("fakehash-oracle", s.at("/provenance/models/0/modelHash").asText());
    assertEquals(64, s.at("/provenance/datasets/0/sha256").asText().length());
    assertTrue(err.toString().contains("[ood]") && err.toString().contains("items/s"), err.toString());
    assertTrue(out.toString().contains("ood_accuracy"), out.toString());
    String junit = Files.readString(a.resolve("junit.xml"));
    assertTrue(junit.contains("tests=\"1\" failures=\"0\""), junit);

    FakeModels.CALLS.set(0);
    assertEquals(0, squall("run", f.toString(), "--out", runs.resolve("b").toString()));
    assertEquals(0, FakeModels.CALLS.get(), "the second run must be served by the call cache");
    JsonNode s2 = Campaigns.JSON.readTree(runs.resolve("b/summary.json").toFile());
    assertEquals(0, s2.at("/calls/model_calls").asLong());
    assertEquals(first + s.at("/calls/cache_hits").asLong(), s2.at("/calls/cache_hits").asLong(),
        "every request of the first run is a cache hit in the second");
    assertEquals(rows(a), rows(runs.resolve("b")));
    // report regenerates from the store alone
    Files.delete(a.resolve("summary.json"));
    assertEquals(0, squall("report", a.toString()));
    assertEquals(s.get("metrics"), Campaigns.JSON.readTree(a.resolve("summary.json").toFile()).get("metrics"));
    out.getBuffer().setLength(0);
    assertEquals(0, squall("runs", runs.toString()));
    assertTrue(out.toString().contains("fakehash-ora") && out.toString().contains("complete"), out.toString());
  }

  @Test
  void exitCodesFollowTheThresholdsAndTheConfig() throws Exception {
    ObjectNode c = Campaigns.campaign(oracle, flipper, 40, false);
    Path pass = Campaigns.write(dir, "pass.json", Campaigns.campaign(oracle, oracle2, 40, false));
    assertEquals(0, squall("run", pass.toString(), "--out", dir.resolve("r/pass").toString(), "--quiet"));
    Path fail = Campaigns.write(dir, "fail.json", c);
    assertEquals(3, squall("run", fail.toString(), "--out", dir.resolve("r/fail").toString(), "--quiet"));
    String junit = Files.readString(dir.resolve("r/fail/junit.xml"));
    assertTrue(junit.contains("failures=\"1\"") && junit.contains("<failure type=\"ThresholdNotMet\""), junit);
    assertTrue(junit.matches("(?s).*ood_accuracy = 0\\.\\d+ \\[0\\.\\d+, 0\\.\\d+\\] \\(95% wilson, n=40\\): lower bound"
        + " 0\\.\\d+ &lt; min 0\\.8.*"), junit);
    c.put("batch_size", 0);
    Path bad = Campaigns.write(dir, "bad.json", c);
    assertEquals(2, squall("run", bad.toString(), "--out", dir.resolve("r/bad").toString()));
    assertTrue(err.toString().contains("$.batch_size: found integer 0; allowed: an integer in [1, 4096]"), err.toString());
    assertEquals(2, squall("run", pass.toString(), "--out", dir.resolve("r/pass").toString()), "existing run dir");
    assertEquals(2, squall("run", pass.toString(), "--shard", "3/2"));
    assertEquals(2, squall("run"));
    ObjectNode budget = Campaigns.campaign(oracle, oracle2, 40, false);
    budget.putObject("budget").put("max_model_calls", 10);
    Path over = Campaigns.write(dir, "budget.json", budget);
    assertEquals(1, squall("run", over.toString(), "--out", dir.resolve("r/budget").toString(), "--quiet",
        "--cache", dir.resolve("fresh.sqlite").toString()));
    assertTrue(err.toString().contains("would exceed its budget of 10 model calls"), err.toString());
  }

  @Test
  void diffFindsExactlyTheItemsAFakeModelFlips() throws Exception {
    Path fa = Campaigns.write(dir, "a.json", Campaigns.campaign(oracle, oracle2, 40, false));
    Path fb = Campaigns.write(dir, "b.json", Campaigns.campaign(flipper, oracle2, 40, false));
    assertEquals(0, squall("run", fa.toString(), "--out", dir.resolve("a").toString(), "--quiet"));
    squall("run", fb.toString(), "--out", dir.resolve("b").toString(), "--quiet");
    ArithmeticWorld w = new ArithmeticWorld();
    Set<String> expected = new java.util.TreeSet<>();
    for (Split s : List.of(Split.TEST, Split.OOD_REVERSED)) {
      w.generate(s, 40, dev.squall.Seeds.derive(7, "dataset", "arith"), FeatureStrength.DEFAULT)
          .filter(p -> FakeModels.flipped(p.prompt())).forEach(p -> expected.add(p.id()));
    }
    assertFalse(expected.isEmpty());
    try (RunStore a = RunStore.openExisting(dir.resolve("a")); RunStore b = RunStore.openExisting(dir.resolve("b"))) {
      List<RunDiff.Entry> d = RunDiff.compare(a, b, 0.95, 0.05);
      RunDiff.Entry classic = d.stream().filter(e -> e.model().equals("classic")).findFirst().orElseThrow();
      assertEquals(expected, Set.copyOf(classic.regressed()));
      assertEquals(expected.size(), classic.mcNemar().b());
      assertEquals(0, classic.mcNemar().c());
      assertEquals(-expected.size() / 80.0, classic.difference().value(), 1e-12);
      assertTrue(classic.difference().interval().upper() < 0);
      RunDiff.Entry cloud = d.stream().filter(e -> e.model().equals("cloud")).findFirst().orElseThrow();
      assertEquals(0, cloud.mcNemar().b() + cloud.mcNemar().c());
    }
    out.getBuffer().setLength(0);
    assertEquals(3, squall("diff", dir.resolve("a").toString(), dir.resolve("b").toString(), "--fail-on-regression",
        "--json", dir.resolve("diff.json").toString()));
    assertTrue(out.toString().contains("REGRESSION"), out.toString());
    assertEquals(0, squall("diff", dir.resolve("a").toString(), dir.resolve("a").toString(), "--fail-on-regression"));
  }

  @Test
  void shardsMergeIntoTheUnshardedRun() throws Exception {
    Path f = Campaigns.write(dir, "c.json", Campaigns.campaign(oracle, flipper, 30, true));
    squall("run", f.toString(), "--out", dir.resolve("full").toString(), "--quiet");
    Path cache2 = dir.resolve("other-cache.sqlite");
    squall("run", f.toString(), "--out", dir.resolve("s0").toString(), "--shard", "0/2", "--quiet", "--cache", cache2.toString());
    squall("run", f.toString(), "--out", dir.resolve("s1").toString(), "--shard", "1/2", "--quiet", "--cache", cache2.toString(),
        "--threads", "2");
    int n0 = rows(dir.resolve("s0")).size();
    int n1 = rows(dir.resolve("s1")).size();
    assertTrue(n0 > 0 && n1 > 0, n0 + " " + n1);
    squall("merge", dir.resolve("s0").toString(), dir.resolve("s1").toString(), "--out", dir.resolve("m").toString());
    assertEquals(rows(dir.resolve("full")), rows(dir.resolve("m")));
    JsonNode full = Campaigns.JSON.readTree(dir.resolve("full/summary.json").toFile());
    JsonNode merged = Campaigns.JSON.readTree(dir.resolve("m/summary.json").toFile());
    assertEquals(full.get("metrics"), merged.get("metrics"));
    assertEquals(full.get("stages"), merged.get("stages"));
    assertEquals(2, squall("merge", dir.resolve("s0").toString(), dir.resolve("s0").toString(), "--out",
        dir.resolve("m2").toString()));
  }

  @Test
  void aRobustnessStageStoresOneRowPerItemAndAttack() throws Exception {
    ObjectNode c = Campaigns.campaign(oracle, oracle2, 6, false);
    ObjectNode rob = ((com.fasterxml.jackson.databind.node.ArrayNode) c.get("evaluators")).addObject();
    rob.put("type", "robustness").put("dataset", "arith").put("query_budget", 6);
    rob.putArray("attacks").add("flattery").add("add-quotes");
    ((ObjectNode) c.get("thresholds").get(0)).put("min", 0.5);
    ObjectNode t = ((com.fasterxml.jackson.databind.node.ArrayNode) c.get("thresholds")).addObject();
    t.put("metric", "robust_accuracy").put("model", "cloud").put("attack", "flattery").put("min", 0.5);
    Path f = Campaigns.write(dir, "r.json", c);
    assertEquals(0, squall("run", f.toString(), "--out", dir.resolve("r").toString(), "--quiet"), err.toString() + out);
    List<String> r = rows(dir.resolve("r"));
    Set<String> stages = r.stream().map(x -> x.split("\\|")[0]).collect(Collectors.toSet());
    assertEquals(Set.of("ood", "robustness/flattery", "robustness/add-quotes"), stages);
    assertEquals(2 * 6 * 2, r.stream().filter(x -> x.startsWith("robustness/")).count());
    JsonNode s = Campaigns.JSON.readTree(dir.resolve("r/summary.json").toFile());
    assertTrue(s.get("metrics").toString().contains("attack_success_rate"));
    JsonNode rc = s.get("robustness_comparisons");
    assertEquals(2, rc.size(), rc.toString());
    assertEquals("cloud", rc.get(0).get("a").asText());
    assertEquals(6, rc.get(0).get("items").asInt());
    assertTrue(rc.get(0).has("holm_adjusted_p"));
  }

  @Test
  void theRunWritesAnHtmlReportWithRealContentAndReportRegeneratesIt() throws Exception {
    Path cloud = FakeModels.folder(dir, "oracle-cloud");
    ObjectNode c = Campaigns.campaign(flipper, cloud, 30, true);
    c.put("name", "html-report-campaign");
    ((ObjectNode) c.get("models").get(0)).put("name", "kappa-rm");
    ((ObjectNode) c.get("models").get(1)).put("name", "omega-rm");
    ((ObjectNode) c.get("thresholds").get(0)).put("model", "omega-rm").put("min", 0.5);
    ObjectNode rob = ((com.fasterxml.jackson.databind.node.ArrayNode) c.get("evaluators")).addObject();
    rob.put("type", "robustness").put("dataset", "arith").put("query_budget", 6).put("max_items", 12);
    rob.putArray("attacks").add("flattery").add("add-quotes");
    Path f = Campaigns.write(dir, "h.json", c);
    Path run = dir.resolve("h");
    assertEquals(0, squall("run", f.toString(), "--out", run.toString(), "--quiet"), err.toString() + out);
    Path html = run.resolve("report.html");
    assertTrue(Files.isRegularFile(html), err.toString() + out);
    String h = Files.readString(html);
    for (String id : List.of("verdict", "asr", "ood", "bon", "examples", "provenance")) {
      assertTrue(h.contains("id=\"" + id + "\""), id);
    }
    String verdict = section(h, "verdict");
    assertTrue(verdict.contains("flattery") && verdict.contains("add-quotes"), verdict);
    assertFalse(verdict.contains("No classic-versus-CLoud comparison"), verdict);
    String asr = section(h, "asr");
    assertTrue(asr.contains("flattery") && asr.contains("kappa-rm") && asr.contains("omega-rm"), asr);
    String ood = section(h, "ood");
    assertTrue(ood.contains("kappa-rm") && ood.contains("Difference in gap"), ood);
    assertFalse(ood.contains("No OOD evaluation"), ood);
    String bon = section(h, "bon");
    assertTrue(bon.contains("<svg") && bon.contains("proxy kappa-rm"), bon);
    String data = h.substring(h.indexOf("id=\"squall-data\""));
    assertTrue(data.contains("flattery") && data.contains("omega-rm"), "examples data");
    assertFalse(data.contains("oracle-cloud"), "examples name models as the campaign does");
    String prov = section(h, "provenance");
    assertTrue(prov.contains("html-report-campaign") && prov.contains("fakehash-flipper"), prov);
    assertTrue(prov.contains(Long.toString(7)), prov);

    Files.delete(html);
    assertEquals(0, squall("report", run.toString()), err.toString() + out);
    assertTrue(Files.isRegularFile(html), "squall report regenerates report.html: " + err);
    String again = Files.readString(html);
    assertTrue(section(again, "asr").contains("omega-rm"));
    assertTrue(section(again, "provenance").contains("html-report-campaign"));
  }

  /** The text of the section with this id. */
  static String section(String html, String id) {
    int from = html.indexOf("<section id=\"" + id + "\"");
    assertTrue(from >= 0, id);
    int to = html.indexOf("</section>", from);
    return html.substring(from, to);
  }
}
