package dev.squall.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.squall.campaign.config.CampaignConfig;
import dev.squall.campaign.config.CampaignConfigException;
import dev.squall.campaign.config.CampaignConfigException.Problem;
import dev.squall.campaign.config.CampaignParser;
import dev.squall.campaign.run.Stages;
import dev.squall.cli.SquallCli;
import dev.squall.world.Split;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CampaignConfigTest {
  @TempDir Path dir;

  private List<Problem> problems(ObjectNode c) {
    CampaignConfigException e =
        assertThrows(CampaignConfigException.class,
            () -> new CampaignParser(dir, Stages.knownAttacks()).parse("c.json", c));
    return e.problems();
  }

  private static Problem at(List<Problem> ps, String path) {
    return ps.stream().filter(p -> p.path().equals(path)).findFirst()
        .orElseThrow(() -> new AssertionError("no problem at " + path + " in " + ps));
  }

  private ObjectNode valid() throws Exception {
    return Campaigns.campaign(FakeModels.folder(dir, "oracle"), FakeModels.folder(dir, "oracle2"), 10, true);
  }

  @Test
  void aValidCampaignParsesWithDefaults() throws Exception {
    CampaignConfig c = new CampaignParser(dir, Set.of()).parse("c.json", valid());
    assertEquals(List.of("classic", "cloud"), c.evaluators().get(0).models());
    assertEquals(List.of(Split.TEST, Split.OOD_REVERSED), c.evaluators().get(0).splits());
    assertEquals("best_of_n", c.evaluators().get(1).id());
    assertEquals(List.of(1, 2, 4), c.evaluators().get(1).ns());
    assertEquals("ood", c.thresholds().get(0).stage().orElseThrow());
  }

  @Test
  void everyProblemNamesPathValueAndWhatIsAllowed() throws Exception {
    ObjectNode c = valid();
    ((ObjectNode) c.get("models").get(1)).put("source", "no-such-model");
    ((ObjectNode) c.get("datasets").get(0)).putArray("splits").add("test").add("ood_sideways");
    ((ObjectNode) c.get("thresholds").get(0)).put("metric", "vibes");
    ((ObjectNode) c.get("evaluators").get(0)).put("type", "odd");
    c.put("batch_size", "big");
    c.put("colour", "blue");
    List<Problem> ps = problems(c);
    Problem src = at(ps, "$.models[1].source");
    assertEquals("\"no-such-model\"", src.found());
    assertTrue(src.allowed().contains("cloud") && src.allowed().contains("existing model folder"), src.allowed());
    Problem split = at(ps, "$.datasets[0].splits[1]");
    assertEquals("\"ood_sideways\"", split.found());
    assertTrue(split.allowed().contains("ood_reversed"), split.allowed());
    Problem metric = at(ps, "$.thresholds[0].metric");
    assertTrue(metric.allowed().contains("ood_accuracy"), metric.allowed());
    Problem type = at(ps, "$.evaluators[0].type");
    assertEquals("\"odd\"", type.found());
    assertTrue(type.allowed().contains("best_of_n"));
    Problem batch = at(ps, "$.batch_size");
    assertEquals("string \"big\"", batch.found());
    assertTrue(batch.allowed().contains("integer in [1, 4096]"));
    at(ps, "$.colour");
  }

  @Test
  void thresholdsAndEvaluatorsAreCheckedAgainstTheCampaign() throws Exception {
    ObjectNode c = valid();
    ObjectNode t = (ObjectNode) c.get("thresholds").get(0);
    t.put("split", "ood_harder").put("model", "gpt").put("max", 0.5);
    ((ObjectNode) c.get("evaluators").get(1)).putArray("ns").add(4).add(2);
    ObjectNode rob = ((com.fasterxml.jackson.databind.node.ArrayNode) c.get("evaluators")).addObject();
    rob.put("type", "robustness").putArray("attacks").add("no-such-attack");
    List<Problem> ps = problems(c);
    assertTrue(at(ps, "$.thresholds[0].split").allowed().contains("ood_reversed"));
    assertEquals("\"gpt\"", at(ps, "$.thresholds[0].model").found());
    assertEquals("both min and max", at(ps, "$.thresholds[0]").found());
    assertEquals("integer 2", at(ps, "$.evaluators[1].ns[1]").found());
    assertTrue(at(ps, "$.evaluators[2].attacks[0]").allowed().contains("flattery"));
  }

  @Test
  void thePolicyDefaultsToTheEmbeddedOrganismAndIsValidated() throws Exception {
    CampaignConfig dflt = new CampaignParser(dir, Set.of()).parse("c.json", valid());
    assertEquals("policy", dflt.policy().source());
    assertEquals(1.0, dflt.policy().temperature());
    assertEquals(64, dflt.policy().maxNewTokens());
    assertTrue(dflt.policy().remote().isEmpty());
    assertEquals("policy", dflt.evaluators().get(1).candidates());

    ObjectNode c = valid();
    c.putObject("policy").put("source", "policy").put("temperature", 0.2).put("max_new_tokens", 32).put("seed", 9);
    ((ObjectNode) c.get("evaluators").get(1)).put("candidates", "pair_phrases");
    CampaignConfig local = new CampaignParser(dir, Set.of()).parse("c.json", c);
    assertEquals(0.2, local.policy().temperature());
    assertEquals(32, local.policy().maxNewTokens());
    assertEquals(9, local.policy().seed());
    assertEquals("pair_phrases", local.evaluators().get(1).candidates());

    ObjectNode r = valid();
    r.putObject("policy").put("type", "policy").put("name", "chat").put("max_tokens", 128).put("temperature", 0.7)
        .putObject("endpoint").put("base_url", "http://127.0.0.1:9");
    CampaignConfig remote = new CampaignParser(dir, Set.of()).parse("c.json", r);
    assertEquals("remote", remote.policy().source());
    assertEquals(128, remote.policy().maxNewTokens());
    assertTrue(remote.policy().samplingKey().contains("http://127.0.0.1:9"));

    ObjectNode bad = valid();
    bad.putObject("policy").put("source", "cloud").put("temperature", 0).put("top_k", 5);
    ((ObjectNode) bad.get("evaluators").get(1)).put("candidates", "dataset");
    ((ObjectNode) bad.get("evaluators").get(0)).put("candidates", "policy");
    List<Problem> ps = problems(bad);
    assertTrue(at(ps, "$.policy.source").allowed().contains("LlamaForCausalLM"), ps.toString());
    assertEquals("integer 0", at(ps, "$.policy.temperature").found());
    at(ps, "$.policy.top_k");
    assertTrue(at(ps, "$.evaluators[1].candidates").allowed().contains("pair_phrases"));
    assertTrue(at(ps, "$.evaluators[0].candidates").allowed().contains("only on best_of_n"));
    ObjectNode noEndpoint = valid();
    noEndpoint.putObject("policy").put("type", "policy").put("name", "chat");
    at(problems(noEndpoint), "$.policy.endpoint");
    ObjectNode notAnLm = valid();
    notAnLm.putObject("policy").put("source", dir.resolve("oracle").toString());
    at(problems(notAnLm), "$.policy.source");
  }

  @Test
  void malformedJsonAndYamlAreConfigErrors() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.json"), "{\"name\": \"x\",");
    var e = assertThrows(CampaignConfigException.class, () -> CampaignParser.read(bad, Set.of()));
    assertTrue(e.getMessage().contains("$: found malformed JSON"), e.getMessage());
    Path yaml = Files.writeString(dir.resolve("c.yaml"), "name: x\n");
    var y = assertThrows(dev.squall.ConfigException.class, () -> CampaignParser.read(yaml, Set.of()));
    assertTrue(y.getMessage().contains("YAML"));
  }

  @Test
  void validateCommandExitsZeroOnAValidFileAndTwoOnAnInvalidOne() throws Exception {
    Path good = Campaigns.write(dir, "good.json", valid());
    ObjectNode c = valid();
    c.remove("models");
    Path bad = Campaigns.write(dir, "bad.json", c);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertEquals(0, SquallCli.run(new PrintWriter(out), new PrintWriter(err), "validate", good.toString()));
    assertTrue(out.toString().contains("valid campaign 't'"), out.toString());
    assertEquals(2, SquallCli.run(new PrintWriter(out), new PrintWriter(err), "validate", bad.toString()));
    assertTrue(err.toString().contains("$.models: found nothing; allowed: a non-empty array (required)"), err.toString());
  }

  @Test
  void theShippedQuickstartIsValid() {
    Path q = Path.of("attacks/quickstart.json");
    CampaignConfig c = CampaignParser.read(q, Stages.knownAttacks());
    assertEquals("quickstart", c.name());
    assertTrue(c.evaluators().stream().anyMatch(e -> e.type().equals("robustness")));
    // best-of-N where the policy is sometimes right (lists), at the temperature measured best
    var bon = c.evaluators().stream().filter(e -> e.type().equals("best_of_n")).findFirst().orElseThrow();
    assertEquals("lists", c.dataset(bon.dataset()).world().orElseThrow());
    assertEquals("policy", bon.candidates());
    assertEquals(0.3, c.policy().temperature());
  }
}
